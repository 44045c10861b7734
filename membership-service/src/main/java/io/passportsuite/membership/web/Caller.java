package io.passportsuite.membership.web;

import java.util.UUID;

import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.common.web.SuiteHeaders;
import jakarta.servlet.http.HttpServletRequest;

/** Who is asking, as the gateway verified it from the access token and wrote it in the identity headers. */
public record Caller(UUID userId, String appId, int role) {

    public static final int ADMIN_ROLE = 9;

    /** The caller of a request that passed the credential filter; 401 INVALID_TOKEN without a usable identity. */
    public static Caller of(HttpServletRequest request) {
        String appId = request.getHeader(SuiteHeaders.APP_ID);
        String userId = request.getHeader(SuiteHeaders.USER_ID);
        if (appId == null || appId.isBlank() || userId == null) {
            throw new Refusal(ErrorCode.INVALID_TOKEN, "An access token is required");
        }
        try {
            return new Caller(UUID.fromString(userId.strip()), appId.strip(), role(request.getHeader(SuiteHeaders.USER_ROLE)));
        } catch (IllegalArgumentException e) {
            throw new Refusal(ErrorCode.INVALID_TOKEN, "An access token is required");
        }
    }

    /** The caller, who must be an administrator: 403 FORBIDDEN otherwise. */
    public static Caller administrator(HttpServletRequest request) {
        Caller caller = of(request);
        if (caller.role() != ADMIN_ROLE) {
            throw new Refusal(ErrorCode.FORBIDDEN, "Administrators only");
        }
        return caller;
    }

    private static int role(String header) {
        if (header == null || header.isBlank()) {
            return 0;
        }
        return Integer.parseInt(header.strip());
    }
}
