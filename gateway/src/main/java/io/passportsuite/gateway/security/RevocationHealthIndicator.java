package io.passportsuite.gateway.security;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Part of the gateway's readiness: DOWN until the revocation deny-list has been rebuilt from the
 * topic after a start, DOWN again from a failure of the listener until it has recovered and caught
 * up, so no revoked token passes a replica whose list is incomplete. UP when revocation at the edge
 * is switched off.
 */
final class RevocationHealthIndicator extends AbstractHealthIndicator {

    private final RevocationListener listener;

    /** @param listener null when revocation at the edge is switched off */
    RevocationHealthIndicator(RevocationListener listener) {
        this.listener = listener;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (listener == null) {
            builder.up().withDetail("denyList", "disabled");
            return;
        }
        RevocationListener.Failure failure = listener.failure();
        if (listener.isRunning() && !listener.isAlive()) {
            builder.down().withDetail("denyList", "stopped");
        } else if (listener.isRebuilt()) {
            builder.up().withDetail("denyList", "rebuilt");
        } else if (failure != null) {
            builder.down().withDetail("denyList", "recovering")
                    .withDetail("lastFailure", failure.cause())
                    .withDetail("nextAttempt", failure.retryAt().toString());
        } else {
            builder.down().withDetail("denyList", "rebuilding");
        }
    }
}
