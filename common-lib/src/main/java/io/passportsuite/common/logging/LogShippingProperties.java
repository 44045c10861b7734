package io.passportsuite.common.logging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.passportsuite.common.events.Topics;

/**
 * @param enabled whether this process ships its log lines to Kafka
 * @param topic where the lines go
 * @param bootstrapServers the brokers; empty means {@code spring.kafka.bootstrap-servers}
 * @param queueCapacity lines waiting for the sender; a line logged while it is full is dropped and counted
 * @param batchSize lines the sender takes from the queue at a time
 * @param maxBlock how long the sender waits for the broker's metadata or buffer space before it
 *        gives up on a batch; never the logging thread's time, only the sender's
 * @param closeTimeout how long closing the application waits for queued lines to reach the broker
 */
@ConfigurationProperties("passport.logs.shipping")
public record LogShippingProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue(Topics.LOGS) String topic,
        @DefaultValue("") String bootstrapServers,
        @DefaultValue("10000") int queueCapacity,
        @DefaultValue("500") int batchSize,
        @DefaultValue("1s") Duration maxBlock,
        @DefaultValue("5s") Duration closeTimeout) {

    public LogShippingProperties {
        if (queueCapacity < 1 || batchSize < 1) {
            throw new IllegalArgumentException("passport.logs.shipping.queue-capacity and batch-size must be at least 1");
        }
    }
}
