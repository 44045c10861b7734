package io.passportsuite.common.token;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The claims of an access token whose signature, issuer and validity period were checked.
 * {@code capabilities} are the user's when the token was issued; empty when it carried none.
 */
public record AccessTokenClaims(String appId, UUID userId, int role, UUID sessionId, String tokenId,
        Instant issuedAt, Instant expiresAt, List<String> capabilities) {

    public AccessTokenClaims {
        capabilities = List.copyOf(capabilities);
    }

    public AccessTokenClaims(String appId, UUID userId, int role, UUID sessionId, String tokenId, Instant issuedAt,
            Instant expiresAt) {
        this(appId, userId, role, sessionId, tokenId, issuedAt, expiresAt, List.of());
    }

    public boolean hasCapability(String capability) {
        return capabilities.contains(capability);
    }
}
