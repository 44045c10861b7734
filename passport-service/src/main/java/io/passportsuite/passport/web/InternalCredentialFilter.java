package io.passportsuite.passport.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.common.web.SuiteHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /internal/**} is for the suite's own services: the gateway never routes it, and a caller
 * that reaches the port directly must also present the shared internal credential. Without a
 * configured credential the internal API is closed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class InternalCredentialFilter extends OncePerRequestFilter {

    private final byte[] credential;
    private final JsonMapper json;

    InternalCredentialFilter(@Value("${passport.internal.credential:}") String credential, JsonMapper json) {
        this.credential = credential.getBytes(StandardCharsets.UTF_8);
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/internal/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader(SuiteHeaders.INTERNAL_CREDENTIAL);
        boolean valid = credential.length > 0 && presented != null
                && MessageDigest.isEqual(credential, presented.getBytes(StandardCharsets.UTF_8));
        if (!valid) {
            var error = ErrorResponses.of(request.getRequestURI(), ErrorCode.FORBIDDEN, "internal endpoint");
            response.setStatus(error.getStatusCode().value());
            response.setContentType("application/json");
            json.writeValue(response.getOutputStream(), error.getBody());
            return;
        }
        chain.doFilter(request, response);
    }
}
