package io.passportsuite.passport.account;

import java.util.UUID;

/**
 * Published, in the thread that writes it, when a user's row changed in what their profile shows
 * (names, avatar, identifiers and their proofs, role): the request that changed it tells the
 * gateway in its answer (web.GatewayNotices), and the gateway stops giving the profile it
 * answers {@code GET /api/auth/me} with itself. Published before the transaction commits; a
 * rolled-back change only makes the gateway ask passport again.
 */
public record UserChanged(UUID userId) {
}
