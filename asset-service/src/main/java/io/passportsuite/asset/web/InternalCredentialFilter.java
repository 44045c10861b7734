package io.passportsuite.asset.web;

import java.io.IOException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.common.error.PlainError;
import io.passportsuite.common.web.ResolvedPath;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /asset/**} answers only requests that came through the gateway, which adds the suite's
 * credential: the app header ({@code X-Passport-App-Id}, from the API key the gateway checked) is
 * believed only with it, and a request that reached the port directly is answered as one without
 * a valid key. Decided on the path as the container resolves it ({@link ResolvedPath}), so
 * {@code /%61sset/...} or {@code /asset;x/...} is guarded all the same; an undecodable path too.
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
        return !guarded(request.getRequestURI()) && !guarded(request.getServletPath());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!credential.presentedBy(request)) {
            response.setStatus(ErrorCode.INVALID_API_KEY.httpStatus());
            response.setContentType("application/json");
            json.writeValue(response.getOutputStream(), PlainError.of(ErrorCode.INVALID_API_KEY, "A valid API key is required"));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean guarded(String path) {
        return switch (ResolvedPath.firstSegmentOf(path)) {
            case ResolvedPath.FirstSegment.Undecodable undecodable -> true;
            case ResolvedPath.FirstSegment.Named(String first) -> first.equals("asset");
        };
    }
}
