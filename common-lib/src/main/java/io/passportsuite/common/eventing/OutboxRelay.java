package io.passportsuite.common.eventing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnknownProducerIdException;
import org.apache.kafka.common.errors.UnknownServerException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
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
 * A key's later row is sent only once the one before it was acknowledged; after a failure the rest
 * of the key waits for the next round, behind it.
 * <p>
 * A row the broker refuses for itself (too large, invalid) is rejected; after
 * {@code max-rejections} it is set aside as dead and the rows behind it carry on. Anything else
 * rejects nothing (a broker that is away, refused credentials or ACLs, a failed or closed producer,
 * which is then recreated): the rows wait, however long it takes.
 */
public class OutboxRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** Serialises claims between the replicas of one service (its own database). */
    private static final long CLAIM_LOCK = 0x6f7574626f78L;
    private static final int MAX_ERROR_LENGTH = 1000;
    private static final Duration WAITING_LOG_INTERVAL = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final KafkaTemplate<String, String> kafka;
    private final OutboxProperties properties;
    private final OutboxMetrics metrics;
    private final OutboxTracing tracing;
    private long lastWaitingWarning;
    private long quietRounds;

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate transaction, KafkaTemplate<String, String> kafka,
            OutboxProperties properties, OutboxMetrics metrics) {
        this(jdbc, transaction, kafka, properties, metrics, OutboxTracing.NONE);
    }

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate transaction, KafkaTemplate<String, String> kafka,
            OutboxProperties properties, OutboxMetrics metrics, OutboxTracing tracing) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.kafka = kafka;
        this.properties = properties;
        this.metrics = metrics;
        this.tracing = tracing;
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
        DefaultKafkaProducerFactory<String, String> factory = new DefaultKafkaProducerFactory<>(config);
        // A producer replaced after a failure holds only sends the relay gave up on: no reason to wait long.
        factory.setPhysicalCloseTimeout(1);
        return new KafkaTemplate<>(factory);
    }

    /** Relays one batch; returns how many rows were acknowledged by the broker and marked sent. */
    public int relayBatch() {
        List<PendingEvent> claimed = claim();
        if (claimed.isEmpty()) {
            return 0;
        }
        // A key's events go in waves: its next event only once the one before was acknowledged, so a
        // later event never overtakes one that failed (Kafka may still append it after the failure).
        Map<String, ArrayDeque<PendingEvent>> byKey = new LinkedHashMap<>();
        for (PendingEvent event : claimed) {
            byKey.computeIfAbsent(event.topic() + '\u0000' + event.key(), key -> new ArrayDeque<>()).add(event);
        }
        List<Long> acked = new ArrayList<>();
        Map<PendingEvent, Throwable> failed = new LinkedHashMap<>();
        List<Long> unresolved = new ArrayList<>();
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        boolean interrupted = false;
        // Kafka or the producer is not usable right now: nothing more is sent this round.
        boolean halted = false;
        while (!byKey.isEmpty() && !halted && !interrupted) {
            List<PendingEvent> wave = byKey.values().stream().map(ArrayDeque::removeFirst).toList();
            byKey.values().removeIf(ArrayDeque::isEmpty);
            List<CompletableFuture<SendResult<String, String>>> inFlight = new ArrayList<>();
            for (PendingEvent event : wave) {
                if (halted) {
                    break;
                }
                CompletableFuture<SendResult<String, String>> sending = send(event);
                inFlight.add(sending);
                // Waited max.block.ms for the broker in vain, or the producer is closed or failed:
                // each further send would fail the same way.
                halted = sending.isCompletedExceptionally() && classify(sending.exceptionNow()) != SendFailure.REJECTED;
            }
            for (int i = 0; i < wave.size(); i++) {
                PendingEvent event = wave.get(i);
                if (interrupted || i >= inFlight.size()) {
                    unresolved.add(event.id());
                    continue;
                }
                Throwable failure;
                try {
                    inFlight.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    acked.add(event.id());
                    continue;
                } catch (InterruptedException e) {
                    // Shutting down: the rest are left for the next start (or another replica) at once.
                    interrupted = true;
                    unresolved.add(event.id());
                    continue;
                } catch (ExecutionException e) {
                    failure = e.getCause() != null ? e.getCause() : e;
                } catch (TimeoutException e) {
                    failure = e;
                }
                failed.put(event, failure);
                halted |= classify(failure) != SendFailure.REJECTED;
                // The key's later events of this batch wait for the next round, behind this one.
                ArrayDeque<PendingEvent> behind = byKey.remove(event.topic() + '\u0000' + event.key());
                if (behind != null) {
                    behind.forEach(later -> unresolved.add(later.id()));
                }
            }
        }
        byKey.values().forEach(rest -> rest.forEach(event -> unresolved.add(event.id())));
        markSent(acked);
        release(unresolved);
        if (!failed.isEmpty()) {
            metrics.failed();
            recordFailures(failed);
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
                    RETURNING id, topic, event_key, event_id, event_type, envelope::text AS envelope, attempts,
                              trace_parent, trace_state
                    """)
                    .param("leaseSeconds", properties.claimLease().toMillis() / 1000.0)
                    .param("limit", properties.batchSize())
                    .query((rs, n) -> new PendingEvent(rs.getLong("id"), rs.getString("topic"), rs.getString("event_key"),
                            rs.getString("event_id"), rs.getString("event_type"), rs.getString("envelope"), rs.getInt("attempts"),
                            new OutboxTracing.Context(rs.getString("trace_parent"), rs.getString("trace_state"))))
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
            return tracing.publishing(event.trace(), event.topic(), record.headers(), () -> kafka.send(record));
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

    private void recordFailures(Map<PendingEvent, Throwable> failed) {
        Throwable notUsable = null;
        Throwable waiting = null;
        int waitingCount = 0;
        for (Map.Entry<PendingEvent, Throwable> entry : failed.entrySet()) {
            SendFailure kind = classify(entry.getValue());
            recordFailure(entry.getKey(), entry.getValue(), kind == SendFailure.REJECTED);
            if (kind == SendFailure.PRODUCER_UNUSABLE && notUsable == null) {
                notUsable = entry.getValue();
            } else if (kind == SendFailure.WAITING && waiting == null) {
                waiting = entry.getValue();
            }
            waitingCount += kind == SendFailure.REJECTED ? 0 : 1;
        }
        if (notUsable != null) {
            // An authorization that was fixed, or a producer in a fatal state, needs a new producer
            // (a new producer id, a new login): the next round gets one.
            kafka.getProducerFactory().reset();
        }
        if (waitingCount > 0) {
            logWaiting(waitingCount, notUsable != null ? notUsable : waiting, notUsable != null);
        }
    }

    /**
     * A rejected row counts toward being set aside; any other failure only waits a little before
     * the next try, so that rows behind it are claimed meanwhile.
     */
    private void recordFailure(PendingEvent event, Throwable failure, boolean rejected) {
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
        } else if (rejected) {
            log.warn("Kafka refused outbox event {} ({} on {}); it is retried and set aside after {} refusals: {}",
                    event.eventId(), event.type(), event.topic(), properties.maxRejections(), message);
        }
    }

    /** One line per round at most, and a warning at most every {@link #WAITING_LOG_INTERVAL}: an outage is not a row's story. */
    private void logWaiting(int count, Throwable failure, boolean producerRecreated) {
        long now = System.nanoTime();
        boolean warn = lastWaitingWarning == 0 || now - lastWaitingWarning >= WAITING_LOG_INTERVAL.toNanos();
        if (!warn) {
            quietRounds++;
            log.debug("Outbox relay: {} events wait for Kafka: {}", count, describe(failure));
            return;
        }
        lastWaitingWarning = now;
        String quiet = quietRounds == 0 ? "" : " (" + quietRounds + " such rounds since the last warning)";
        quietRounds = 0;
        if (producerRecreated) {
            log.error("Kafka does not take the outbox producer's events right now (check the service's Kafka credentials and "
                    + "ACLs): {}; {} events wait, none is set aside, the producer is recreated{}", describe(failure), count, quiet);
        } else {
            log.warn("Kafka did not acknowledge {} outbox events: {}; they wait and are retried{}", count, describe(failure), quiet);
        }
    }

    private Duration retryDelay(int attempts) {
        Duration delay = properties.pollInterval().multipliedBy(1L << Math.min(attempts, 16));
        return delay.compareTo(properties.sendTimeout()) > 0 ? properties.sendTimeout() : delay;
    }

    /**
     * Only a refusal of the record itself counts as a rejection: anything else, if counted, would set
     * aside every pending event during an outage or a misconfiguration, and nothing re-sends dead rows.
     */
    static SendFailure classify(Throwable failure) {
        boolean record = false;
        boolean passing = false;
        Throwable cause = failure;
        // Bounded: a cause chain can loop.
        for (int depth = 0; cause != null && depth < 32; depth++, cause = cause.getCause()) {
            if (cause instanceof AuthenticationException || cause instanceof AuthorizationException
                    || cause instanceof ProducerFencedException || cause instanceof OutOfOrderSequenceException
                    || cause instanceof InvalidProducerEpochException || cause instanceof UnknownProducerIdException
                    || cause instanceof UnsupportedVersionException || cause instanceof IllegalStateException) {
                // Not this record's fault, and the producer may be stuck in it (a closed producer, a
                // fatal state, a producer id refused before the ACLs were fixed).
                return SendFailure.PRODUCER_UNUSABLE;
            }
            record |= cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
                    || cause instanceof InvalidRecordException || cause instanceof SerializationException
                    || cause instanceof CorruptRecordException || cause instanceof InvalidTopicException;
            // UnknownServerException waits too: the broker says it failed, not that the record is wrong,
            // and a broker fault (or a failing broker plugin) would otherwise set aside every event.
            passing |= cause instanceof RetriableException || cause instanceof TimeoutException
                    || cause instanceof InterruptedException || cause instanceof InterruptException
                    || cause instanceof UnknownServerException;
        }
        if (record) {
            return SendFailure.REJECTED;
        }
        // Whatever nobody foresaw is not taken for the record's fault either; a fresh producer costs little.
        return passing ? SendFailure.WAITING : SendFailure.PRODUCER_UNUSABLE;
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** What a failed send says about the event and about the producer. */
    enum SendFailure {
        /** The broker or producer refused this record itself: counts toward setting it aside. */
        REJECTED,
        /** Kafka is away, slow or electing a leader: the event waits. */
        WAITING,
        /** Kafka refuses this producer (authorization, authentication) or it is closed or failed: the event waits, the producer is recreated. */
        PRODUCER_UNUSABLE
    }

    private record PendingEvent(long id, String topic, String key, String eventId, String type, String envelope, int attempts,
            OutboxTracing.Context trace) {
    }
}
