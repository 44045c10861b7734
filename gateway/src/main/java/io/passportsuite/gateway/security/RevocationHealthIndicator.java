package io.passportsuite.gateway.security;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Part of the gateway's readiness: DOWN until the revocation deny-list has been rebuilt from the
 * topic after a start, so no revoked token passes a freshly started replica. UP when revocation at
 * the edge is switched off.
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
        } else if (listener.isRebuilt()) {
            builder.up().withDetail("denyList", "rebuilt");
        } else {
            builder.down().withDetail("denyList", "rebuilding");
        }
    }
}
