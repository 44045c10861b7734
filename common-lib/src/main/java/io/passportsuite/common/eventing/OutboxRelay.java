package io.passportsuite.common.eventing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to Kafka. A row is marked sent only after the broker acknowledged it
 * (acks=all, idempotent producer), inside the same transaction that locked it, so a crash or a
 * broker outage leaves it pending and it is sent on a later round: at-least-once, never lost.
 * {@code FOR UPDATE SKIP LOCKED} lets several replicas relay the same table without sending a
 * row twice in the normal case; consumers still dedupe on the event id for the abnormal ones.
 */
public class OutboxRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final KafkaTemplate<String, String> kafka;
    private final OutboxProperties properties;
    private final OutboxMetrics metrics;

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate transaction, KafkaTemplate<String, String> kafka,
            OutboxProperties properties, OutboxMetrics metrics) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.kafka = kafka;
        this.properties = properties;
        this.metrics = metrics;
    }

    /**
     * The relay's own producer: whatever a service configures for its other producers, the outbox
     * needs acks from every in-sync replica and idempotence, or "marked sent" could lie.
     */
    public static KafkaTemplate<String, String> producer(Map<String, Object> baseConfig, OutboxProperties properties) {
        Map<String, Object> config = new HashMap<>(baseConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        int timeoutMs = (int) properties.sendTimeout().toMillis();
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 30_000));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs + 1_000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
    }

    /** Relays one batch; returns how many rows were acknowledged by the broker and marked sent. */
    public int relayBatch() {
        Integer sent = transaction.execute(status -> {
            List<PendingEvent> pending = lockPending();
            if (pending.isEmpty()) {
                return 0;
            }
            List<Long> acked = new ArrayList<>();
            PendingEvent failed = null;
            Exception failure = null;
            List<CompletableFuture<SendResult<String, String>>> inFlight = pending.stream().map(this::send).toList();
            long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
            for (int i = 0; i < pending.size(); i++) {
                try {
                    inFlight.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    acked.add(pending.get(i).id());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failed = pending.get(i);
                    failure = e;
                    break;
                } catch (ExecutionException | TimeoutException e) {
                    failed = pending.get(i);
                    failure = e instanceof ExecutionException ? (Exception) e.getCause() : e;
                    break;
                }
            }
            markSent(acked);
            if (failed != null) {
                recordFailure(failed, failure);
            }
            return acked.size();
        });
        int count = sent == null ? 0 : sent;
        metrics.relayed(count);
        return count;
    }

    @Override
    public void close() {
        if (kafka.getProducerFactory() instanceof DisposableBean factory) {
            try {
                factory.destroy();
            } catch (Exception e) {
                log.debug("Closing the outbox producer failed", e);
            }
        }
    }

    private List<PendingEvent> lockPending() {
        return jdbc.sql("""
                SELECT id, topic, event_key, event_id, event_type, envelope::text AS envelope
                FROM outbox_event
                WHERE sent_at IS NULL
                ORDER BY id
                LIMIT :limit
                FOR UPDATE SKIP LOCKED
                """)
                .param("limit", properties.batchSize())
                .query((rs, n) -> new PendingEvent(rs.getLong("id"), rs.getString("topic"), rs.getString("event_key"),
                        rs.getString("event_id"), rs.getString("event_type"), rs.getString("envelope")))
                .list();
    }

    private CompletableFuture<SendResult<String, String>> send(PendingEvent event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), event.key(), event.envelope());
        record.headers().add("event-id", event.eventId().getBytes(StandardCharsets.UTF_8));
        record.headers().add("event-type", event.type().getBytes(StandardCharsets.UTF_8));
        try {
            return kafka.send(record);
        } catch (RuntimeException e) {
            // The producer can refuse synchronously (metadata timeout while the broker is away).
            return CompletableFuture.failedFuture(e);
        }
    }

    private void markSent(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE outbox_event SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id IN (:ids)")
                .param("ids", ids)
                .update();
    }

    private void recordFailure(PendingEvent event, Exception failure) {
        String message = failure == null ? "unknown" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        log.warn("Outbox relay could not publish event {} to {}; it stays pending and is retried: {}",
                event.eventId(), event.topic(), message);
        metrics.failed();
        jdbc.sql("UPDATE outbox_event SET attempts = attempts + 1, last_error = :error WHERE id = :id")
                .param("error", message.length() > 1000 ? message.substring(0, 1000) : message)
                .param("id", event.id())
                .update();
    }

    private record PendingEvent(long id, String topic, String key, String eventId, String type, String envelope) {
    }
}
