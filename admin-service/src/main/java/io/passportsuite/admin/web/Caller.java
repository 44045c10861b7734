package io.passportsuite.admin.web;

import java.util.UUID;

import io.passportsuite.common.web.SuiteHeaders;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The administrator behind a request that passed {@link AdminGuardFilter}, as the gateway verified
 * them: a controller takes it as a parameter and hands it to the use case that records the action.
 * {@code clientIp} and {@code requestId} may be null (a request that reached the port directly).
 */
public record Caller(UUID userId, String clientIp, String requestId) {

    static final String ATTRIBUTE = Caller.class.getName();

    static Caller from(HttpServletRequest request, UUID userId) {
        return new Caller(userId, bounded(request.getHeader(SuiteHeaders.CLIENT_IP)), bounded(request.getHeader(SuiteHeaders.REQUEST_ID)));
    }

    /** What the gateway sets is short; a longer value did not come from it and is not worth storing whole. */
    private static String bounded(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        return value.length() > 128 ? value.substring(0, 128) : value;
    }
}
