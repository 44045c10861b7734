package io.passportsuite.passport.github;

import java.time.Instant;

/** Where to send the user to authorize, and the single-use state the login must come back with. */
public record WebFlowStart(String authorizeUrl, String state, Instant expiresAt) {
}
