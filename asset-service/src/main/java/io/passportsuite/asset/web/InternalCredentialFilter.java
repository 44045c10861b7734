package io.passportsuite.asset.web;

import java.io.IOException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.common.error.PlainError;
import io.passportsuite.common.web.ResolvedPath;
import io.passportsuite.common.web.SuiteHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /asset/**} answers only requests that came through the gateway, which adds the suite's
 * credential: the app header ({@code X-Passport-App-Id}, from the API key the gateway checked) is
 * believed only with it, and a request that reached the port directly is answered as one without
 * a valid key. {@code /internal/**} is for the suite's own services: the credential, and no client
 * behind the request (the gateway names the client in {@code X-Passport-Client-Ip}, so a request
 * it routed is never internal), else 403. Decided on the path as the container resolves it
 * ({@link ResolvedPath}), so {@code /%61sset/...} or {@code /internal;x/...} is guarded all the
 * same; an undecodable path too.
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
        return guardOf(request) == Guard.NONE;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (guardOf(request) == Guard.INTERNAL && (!credential.presentedBy(request) || request.getHeader(SuiteHeaders.CLIENT_IP) != null)) {
            refuse(response, ErrorCode.FORBIDDEN, "For the suite's own services only");
            return;
        }
        if (!credential.presentedBy(request)) {
            refuse(response, ErrorCode.INVALID_API_KEY, "A valid API key is required");
            return;
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        response.setStatus(code.httpStatus());
        response.setContentType("application/json");
        json.writeValue(response.getOutputStream(), PlainError.of(code, message));
    }

    private enum Guard { NONE, ASSET, INTERNAL }

    /** The stricter of what the raw and the resolved path name. */
    private static Guard guardOf(HttpServletRequest request) {
        Guard byUri = guardOf(request.getRequestURI());
        Guard byServletPath = guardOf(request.getServletPath());
        return byUri.compareTo(byServletPath) >= 0 ? byUri : byServletPath;
    }

    private static Guard guardOf(String path) {
        return switch (ResolvedPath.firstSegmentOf(path)) {
            case ResolvedPath.FirstSegment.Undecodable undecodable -> Guard.INTERNAL;
            case ResolvedPath.FirstSegment.Named(String first) -> switch (first) {
                case "asset" -> Guard.ASSET;
                case "internal" -> Guard.INTERNAL;
                default -> Guard.NONE;
            };
        };
    }
}
