package io.passportsuite.common.eventing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled whether this service relays its outbox (off only in tests that drive the relay by hand)
 * @param pollInterval pause between relay rounds when the outbox was empty
 * @param batchSize rows relayed per round
 * @param sendTimeout how long one round waits for the broker's acks before giving up on it
 * @param stuckAfter pending events older than this turn the outbox health DOWN
 * @param claimLease how long a relay owns the batch it claimed; must exceed {@code sendTimeout},
 *        or another replica could send the same rows while the first still waits for acks
 * @param maxRejections how many times the broker may refuse one event while it takes others
 *        before that event is set aside as dead (a broker that is away rejects nothing)
 */
@ConfigurationProperties("passport.outbox")
public record OutboxProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("250ms") Duration pollInterval,
        @DefaultValue("200") int batchSize,
        @DefaultValue("10s") Duration sendTimeout,
        @DefaultValue("5m") Duration stuckAfter,
        @DefaultValue("1m") Duration claimLease,
        @DefaultValue("5") int maxRejections) {

    public OutboxProperties {
        if (claimLease.compareTo(sendTimeout) <= 0) {
            throw new IllegalArgumentException("passport.outbox.claim-lease (" + claimLease
                    + ") must be longer than passport.outbox.send-timeout (" + sendTimeout + ")");
        }
        if (maxRejections < 1 || batchSize < 1) {
            throw new IllegalArgumentException("passport.outbox.max-rejections and batch-size must be at least 1");
        }
    }
}
