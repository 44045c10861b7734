package io.passportsuite.gateway.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions whose access tokens must be refused although their signature and lifetime are fine.
 * A session is remembered only until its tokens would have expired anyway, so the list stays as
 * small as the number of sessions revoked within one token lifetime.
 */
final class RevokedSessions {

    private final Map<String, Instant> revokedUntil = new ConcurrentHashMap<>();
    private final Clock clock;

    RevokedSessions(Clock clock) {
        this.clock = clock;
    }

    void revoke(String sessionId, Instant tokensValidUntil) {
        Instant now = clock.instant();
        revokedUntil.values().removeIf(until -> until.isBefore(now));
        if (tokensValidUntil.isAfter(now)) {
            revokedUntil.merge(sessionId, tokensValidUntil, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    boolean isRevoked(String sessionId) {
        Instant until = revokedUntil.get(sessionId);
        return until != null && !until.isBefore(clock.instant());
    }

    int size() {
        return revokedUntil.size();
    }
}
