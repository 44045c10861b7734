package io.passportsuite.passport.token;

import java.time.Instant;

/**
 * A signed access token and what a caller may need to store about it (e.g. {@code tokenId} to
 * revoke it). The instants are whole seconds, exactly as in the token's {@code iat} and {@code exp}.
 */
public record IssuedAccessToken(String token, String tokenId, Instant issuedAt, Instant expiresAt) {
}
