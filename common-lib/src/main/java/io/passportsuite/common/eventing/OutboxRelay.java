package io.passportsuite.common.eventing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
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
 * Publishes outbox rows to Kafka in three steps, none of which holds a transaction while the
 * broker is waited for: claim a batch for {@code claim-lease} (a short transaction), send it,
 * then mark each row sent or failed (one statement each). A row is marked sent only after the
 * broker acknowledged it (acks=all, idempotent producer); a crash leaves it claimed until its
 * lease ends and another round sends it again: at-least-once, never lost. Consumers dedupe on the
 * event id.
 * <p>
 * Claims are taken one relay at a time (an advisory lock) and skip a row while an earlier row of
 * its key is claimed elsewhere, so replicas neither send the same row nor reorder a key's events.
 * A row the broker refuses for itself (too large, invalid) is rejected; after
 * {@code max-rejections} it is set aside as dead and the rows behind it carry on. A broker that is
 * away rejects nothing: the rows wait, however long it takes.
 */
public class OutboxRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** Serialises claims between the replicas of one service (its own database). */
    private static final long CLAIM_LOCK = 0x6f7574626f78L;
    private static final int MAX_ERROR_LENGTH = 1000;

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
        List<PendingEvent> claimed = claim();
        if (claimed.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<SendResult<String, String>>> inFlight = new ArrayList<>();
        for (PendingEvent event : claimed) {
            CompletableFuture<SendResult<String, String>> sending = send(event);
            inFlight.add(sending);
            if (sending.isCompletedExceptionally() && isTransient(sending.exceptionNow())) {
                // The producer waited max.block.ms for the broker in vain: each further send would too.
                break;
            }
        }
        List<Long> acked = new ArrayList<>();
        Map<PendingEvent, Exception> failed = new HashMap<>();
        List<Long> unresolved = new ArrayList<>();
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        boolean interrupted = false;
        for (int i = 0; i < claimed.size(); i++) {
            PendingEvent event = claimed.get(i);
            if (interrupted || i >= inFlight.size()) {
                unresolved.add(event.id());
                continue;
            }
            try {
                inFlight.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acked.add(event.id());
            } catch (InterruptedException e) {
                // Shutting down: the rest are left for the next start (or another replica) at once.
                interrupted = true;
                unresolved.add(event.id());
            } catch (ExecutionException e) {
                failed.put(event, e.getCause() instanceof Exception cause ? cause : e);
            } catch (TimeoutException e) {
                failed.put(event, e);
            }
        }
        markSent(acked);
        release(unresolved);
        if (!failed.isEmpty()) {
            metrics.failed();
            failed.forEach(this::recordFailure);
        }
        metrics.relayed(acked.size());
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return acked.size();
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

    private List<PendingEvent> claim() {
        List<PendingEvent> claimed = transaction.execute(status -> {
            jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(:lock)").param("lock", CLAIM_LOCK).query(Integer.class).single();
            return jdbc.sql("""
                    UPDATE outbox_event SET claimed_until = now() + make_interval(secs => :leaseSeconds)
                    WHERE id IN (
                        SELECT c.id FROM outbox_event c
                        WHERE c.sent_at IS NULL AND c.dead_at IS NULL
                          AND (c.claimed_until IS NULL OR c.claimed_until <= now())
                          AND NOT EXISTS (SELECT 1 FROM outbox_event e
                                          WHERE e.topic = c.topic AND e.event_key = c.event_key AND e.id < c.id
                                            AND e.sent_at IS NULL AND e.dead_at IS NULL AND e.claimed_until > now())
                        ORDER BY c.id
                        LIMIT :limit
                        FOR UPDATE OF c SKIP LOCKED)
                    RETURNING id, topic, event_key, event_id, event_type, envelope::text AS envelope, attempts
                    """)
                    .param("leaseSeconds", properties.claimLease().toMillis() / 1000.0)
                    .param("limit", properties.batchSize())
                    .query((rs, n) -> new PendingEvent(rs.getLong("id"), rs.getString("topic"), rs.getString("event_key"),
                            rs.getString("event_id"), rs.getString("event_type"), rs.getString("envelope"), rs.getInt("attempts")))
                    .list();
        });
        // RETURNING has no order; the producer must see each key's events oldest first.
        return claimed == null ? List.of() : claimed.stream().sorted(Comparator.comparingLong(PendingEvent::id)).toList();
    }

    private CompletableFuture<SendResult<String, String>> send(PendingEvent event) {
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), event.key(), event.envelope());
            record.headers().add("event-id", event.eventId().getBytes(StandardCharsets.UTF_8));
            record.headers().add("event-type", event.type().getBytes(StandardCharsets.UTF_8));
            return kafka.send(record);
        } catch (RuntimeException e) {
            // The producer can refuse synchronously (metadata timeout while the broker is away, a bad record).
            return CompletableFuture.failedFuture(e);
        }
    }

    private void markSent(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        // A sent event's payload lives on in Kafka; the row keeps only what says which event it was.
        // Payloads hold contacts, and a notification request's holds a code in clear.
        jdbc.sql("""
                UPDATE outbox_event SET sent_at = now(), attempts = attempts + 1, last_error = NULL, claimed_until = NULL,
                                        envelope = envelope - 'payload'
                WHERE id IN (:ids)
                """)
                .param("ids", ids)
                .update();
    }

    private void release(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE outbox_event SET claimed_until = NULL WHERE id IN (:ids) AND sent_at IS NULL")
                .param("ids", ids)
                .update();
    }

    /**
     * A rejected row counts toward being set aside; any other failure (the broker away, a timeout)
     * only waits a little before the next try, so that rows behind it are claimed meanwhile.
     */
    private void recordFailure(PendingEvent event, Exception failure) {
        boolean rejected = !isTransient(failure);
        String message = describe(failure);
        Boolean dead = jdbc.sql("""
                UPDATE outbox_event SET attempts = attempts + 1, last_error = :error,
                    rejections = rejections + :rejected,
                    dead_at = CASE WHEN rejections + :rejected >= :maxRejections THEN now() END,
                    claimed_until = CASE WHEN rejections + :rejected >= :maxRejections THEN NULL
                                         ELSE now() + make_interval(secs => :retrySeconds) END
                WHERE id = :id AND sent_at IS NULL
                RETURNING dead_at IS NOT NULL AS dead
                """)
                .param("error", message.length() > MAX_ERROR_LENGTH ? message.substring(0, MAX_ERROR_LENGTH) : message)
                .param("rejected", rejected ? 1 : 0)
                .param("maxRejections", properties.maxRejections())
                .param("retrySeconds", retryDelay(event.attempts() + 1).toMillis() / 1000.0)
                .param("id", event.id())
                .query(Boolean.class)
                .optional()
                .orElse(false);
        if (dead) {
            metrics.dead();
            log.error("Outbox event {} ({} on {}) set aside as dead after {} rejections; the events behind it carry on: {}",
                    event.eventId(), event.type(), event.topic(), properties.maxRejections(), message);
        } else {
            log.warn("Outbox relay could not publish event {} to {}; it stays pending and is retried: {}",
                    event.eventId(), event.topic(), message);
        }
    }

    private Duration retryDelay(int attempts) {
        Duration delay = properties.pollInterval().multipliedBy(1L << Math.min(attempts, 16));
        return delay.compareTo(properties.sendTimeout()) > 0 ? properties.sendTimeout() : delay;
    }

    /** Whether a failure says nothing about the record itself: the broker away, slow or electing a leader. */
    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RetriableException || cause instanceof TimeoutException
                    || cause instanceof InterruptedException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private record PendingEvent(long id, String topic, String key, String eventId, String type, String envelope, int attempts) {
    }
}
