package io.passportsuite.common.eventing;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * DOWN when events have waited longer than {@code passport.outbox.stuck-after}: the broker has
 * been unreachable for a while. Deliberately not part of readiness: while Kafka is away the
 * service keeps taking writes, and the outbox holds their events until it is back.
 */
public class OutboxHealthIndicator extends AbstractHealthIndicator {

    private final OutboxBacklog backlog;
    private final OutboxProperties properties;

    public OutboxHealthIndicator(OutboxBacklog backlog, OutboxProperties properties) {
        this.backlog = backlog;
        this.properties = properties;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        OutboxBacklog.Snapshot snapshot = backlog.read();
        boolean stuck = snapshot.pending() > 0 && snapshot.oldestAge().compareTo(properties.stuckAfter()) > 0;
        (stuck ? builder.down() : builder.up())
                .withDetail("pending", snapshot.pending())
                .withDetail("oldestPendingSeconds", snapshot.oldestAge().toSeconds())
                .withDetail("dead", snapshot.dead());
        if (snapshot.lastError() != null) {
            builder.withDetail("lastError", snapshot.lastError());
        }
    }
}
