package io.passportsuite.common.eventing;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;

/** Relay counters and the backlog gauges, exported with the service's other metrics. */
public class OutboxMetrics {

    private final Counter relayed;
    private final Counter failures;
    private final Counter dead;

    public OutboxMetrics(MeterRegistry registry, OutboxBacklog backlog) {
        this.relayed = Counter.builder("outbox.relayed").description("Outbox events acknowledged by Kafka")
                .register(registry);
        this.failures = Counter.builder("outbox.relay.failures").description("Relay rounds that hit a send failure")
                .register(registry);
        this.dead = Counter.builder("outbox.set.aside")
                .description("Outbox events set aside as dead after Kafka refused them too often")
                .register(registry);
        Gauge.builder("outbox.pending", backlog, b -> b.read().pending())
                .description("Outbox events not yet acknowledged by Kafka")
                .strongReference(true)
                .register(registry);
        // How long the oldest unsent event has waited: a backlog that is large but moving is fine,
        // one whose oldest event keeps ageing means consumers see changes late (or never).
        TimeGauge.builder("outbox.oldest.age", backlog, TimeUnit.MILLISECONDS,
                        b -> b.read().oldestAge().toMillis())
                .description("Age of the oldest outbox event not yet acknowledged by Kafka (0 when none waits)")
                .strongReference(true)
                .register(registry);
        Gauge.builder("outbox.dead", backlog, b -> b.read().dead())
                .description("Outbox events set aside as dead, waiting for an operator")
                .strongReference(true)
                .register(registry);
    }

    void relayed(int count) {
        relayed.increment(count);
    }

    void failed() {
        failures.increment();
    }

    void dead() {
        dead.increment();
    }
}
