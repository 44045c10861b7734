package io.passportsuite.passport.token;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What an access token is issued for.
 *
 * @param appId the app the user belongs to; becomes {@code aud} and {@code app_id}
 * @param userId the user; becomes {@code sub}
 * @param role 1 for a user, 9 for an admin
 * @param sessionId the session the token belongs to; becomes {@code sid}
 * @param lifetime positive and at most {@code passport.tokens.max-token-lifetime}
 * @param capabilities the user's capabilities now; become {@code caps}, left out when empty
 */
public record AccessTokenRequest(String appId, UUID userId, int role, UUID sessionId, Duration lifetime,
        List<String> capabilities) {

    public AccessTokenRequest {
        if (appId == null || appId.isBlank()) {
            throw new IllegalArgumentException("An access token needs an app id");
        }
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(lifetime, "lifetime");
        capabilities = List.copyOf(capabilities);
    }

    /** For a user without capabilities. */
    public AccessTokenRequest(String appId, UUID userId, int role, UUID sessionId, Duration lifetime) {
        this(appId, userId, role, sessionId, lifetime, List.of());
    }
}
