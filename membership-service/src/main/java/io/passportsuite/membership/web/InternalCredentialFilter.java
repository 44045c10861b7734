package io.passportsuite.membership.web;

import java.io.IOException;
import java.util.Optional;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.common.web.Surface;
import io.passportsuite.common.web.SuiteHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Identity headers are believed only together with the suite's credential, which the gateway adds
 * to every request it routes: a request that reached the port directly carries no identity.
 * {@code /internal/**} is for the suite's services only: a request made on a client's behalf (the
 * gateway names the client in {@code X-Passport-Client-Ip}) is never internal.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class InternalCredentialFilter extends OncePerRequestFilter {

    private final InternalCredential credential;
    private final JsonMapper json;

    InternalCredentialFilter(InternalCredential credential, JsonMapper json) {
        this.credential = credential;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return GuardedPath.of(request).isEmpty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Surface surface = GuardedPath.of(request).orElseThrow();
        Optional<ResponseEntity<Object>> refusal = Optional.empty();
        if (surface == Surface.INTERNAL && (!credential.presentedBy(request) || request.getHeader(SuiteHeaders.CLIENT_IP) != null)) {
            refusal = Optional.of(ErrorBodies.plain(ErrorCode.FORBIDDEN, "For the suite's own services only"));
        } else if (surface != Surface.INTERNAL && !credential.presentedBy(request)) {
            refusal = Optional.of(ErrorBodies.on(surface, ErrorCode.INVALID_TOKEN, "An access token is required"));
        }
        if (refusal.isPresent()) {
            response.setStatus(refusal.get().getStatusCode().value());
            response.setContentType("application/json");
            json.writeValue(response.getOutputStream(), refusal.get().getBody());
            return;
        }
        chain.doFilter(request, response);
    }
}
