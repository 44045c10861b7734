package io.passportsuite.common.token;

import java.time.Instant;
import java.util.UUID;

/** The claims of an access token whose signature, issuer and validity period were checked. */
public record AccessTokenClaims(String appId, UUID userId, int role, UUID sessionId, String tokenId,
        Instant issuedAt, Instant expiresAt) {
}
