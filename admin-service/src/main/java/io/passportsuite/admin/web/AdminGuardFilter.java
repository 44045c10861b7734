package io.passportsuite.admin.web;

import java.io.IOException;
import java.util.UUID;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.passportsuite.admin.AdminSettings;
import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.common.web.ResolvedPath;
import io.passportsuite.common.web.SuiteHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every {@code /admin/**} request must come through the gateway (the suite's credential, else 401)
 * and, except the login itself, for an administrator (role 9) of the platform app (else 403), whose
 * identity the gateway verified and wrote in its headers. Identity headers without the credential
 * are a client's claim and count for nothing. The login needs the credential too: the gateway is
 * where failed logins are counted, and a direct call would slip past that limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class AdminGuardFilter extends OncePerRequestFilter {

    static final int ADMIN_ROLE = 9;
    private static final String LOGIN = "/admin/auth/login";

    private final InternalCredential credential;
    private final String platformAppId;
    private final JsonMapper json;

    AdminGuardFilter(InternalCredential credential, AdminSettings settings, JsonMapper json) {
        this.credential = credential;
        this.platformAppId = settings.platformAppId();
        this.json = json;
    }

    /** Decided on the path as the container resolves it, so {@code /%61dmin/users} is guarded as {@code /admin/users}. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String servletPath = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return !guarded(ResolvedPath.firstSegmentOf(request.getRequestURI())) && !guarded(ResolvedPath.firstSegmentOf(servletPath));
    }

    private static boolean guarded(ResolvedPath.FirstSegment first) {
        return first instanceof ResolvedPath.FirstSegment.Undecodable || first.is("admin");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!credential.presentedBy(request)) {
            refuse(response, ErrorCode.INVALID_TOKEN, ErrorBodies.NO_TOKEN);
            return;
        }
        // Only the exact spelling is the public login; any other spelling of it is guarded like the rest.
        if ("POST".equals(request.getMethod()) && LOGIN.equals(request.getRequestURI())) {
            chain.doFilter(request, response);
            return;
        }
        UUID userId = userIdOf(request.getHeader(SuiteHeaders.USER_ID));
        if (userId == null) {
            refuse(response, ErrorCode.INVALID_TOKEN, ErrorBodies.NO_TOKEN);
            return;
        }
        if (!String.valueOf(ADMIN_ROLE).equals(strip(request.getHeader(SuiteHeaders.USER_ROLE)))
                || !platformAppId.equals(strip(request.getHeader(SuiteHeaders.APP_ID)))) {
            refuse(response, ErrorCode.FORBIDDEN, ErrorBodies.ADMINS_ONLY);
            return;
        }
        request.setAttribute(Caller.ATTRIBUTE, Caller.from(request, userId));
        chain.doFilter(request, response);
    }

    private static UUID userIdOf(String header) {
        if (header == null) {
            return null;
        }
        try {
            return UUID.fromString(header.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String strip(String header) {
        return header == null ? null : header.strip();
    }

    private void refuse(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        ResponseEntity<Object> refusal = ErrorBodies.envelope(code, message);
        response.setStatus(refusal.getStatusCode().value());
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), refusal.getBody());
    }
}
