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
 */
@ConfigurationProperties("passport.outbox")
public record OutboxProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("250ms") Duration pollInterval,
        @DefaultValue("200") int batchSize,
        @DefaultValue("10s") Duration sendTimeout,
        @DefaultValue("5m") Duration stuckAfter) {
}
