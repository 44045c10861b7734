package io.passportsuite.common.eventing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled whether this service purges its sent events and processed-event marks
 * @param sentEvents how long an outbox row is kept after Kafka acknowledged it
 * @param processedEvents how long a consumer remembers an event it applied; a redelivery after
 *        that is applied again, so keep it well above the topics' retention (Kafka's default is 7
 *        days) and at least as long as {@code sentEvents}
 * @param interval pause between purges
 * @param batchSize rows deleted per statement
 */
@ConfigurationProperties("passport.eventing.retention")
public record EventingRetentionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("7d") Duration sentEvents,
        @DefaultValue("30d") Duration processedEvents,
        @DefaultValue("1h") Duration interval,
        @DefaultValue("1000") int batchSize) {

    public EventingRetentionProperties {
        if (processedEvents.compareTo(Duration.ofDays(7)) < 0 || processedEvents.compareTo(sentEvents) < 0) {
            throw new IllegalArgumentException("passport.eventing.retention.processed-events (" + processedEvents
                    + ") must be at least 7 days and at least sent-events (" + sentEvents
                    + "): a redelivered event it no longer remembers would be applied twice");
        }
    }
}
