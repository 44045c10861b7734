package io.passportsuite.passport.session;

import java.time.Instant;
import java.util.UUID;

import io.passportsuite.passport.token.IssuedAccessToken;

/** What a login or a refresh hands out: an access token and the session's current refresh token. */
public record SessionTokens(UUID sessionId, IssuedAccessToken accessToken, String refreshToken, Instant refreshExpiresAt) {
}
