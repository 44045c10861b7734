package io.passportsuite.gateway.security;

import java.time.Instant;

/** Who a verified access token speaks for; the gateway passes these on as identity headers. */
record VerifiedUser(String userId, int role, String appId, String sessionId, Instant expiresAt) {

    static final int ADMIN_ROLE = 9;

    boolean isAdmin() {
        return role == ADMIN_ROLE;
    }
}
