package io.passportsuite.gateway.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.passportsuite.common.events.EventEnvelope;
import io.passportsuite.common.events.user.SessionRevoked;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code user.session-revoked} events into {@link RevokedSessions} on a thread of its own.
 * Every gateway replica uses a consumer group of its own, so each sees every event, and starts from
 * the earliest retained offset, so a restarted replica rebuilds its list. Offsets are never
 * committed: there is nothing to resume, and a group without offsets is dropped by the broker.
 *
 * <p>{@link #isRebuilt()} turns true once the list holds every event that was on the topic when
 * the consumer started (the end offsets it found then); the gateway is not ready before that, so
 * a restarted replica never lets a revoked token through while it catches up. It stays true while
 * the broker is away (passport's outbox holds revocations until the broker is back, so none is
 * missed for good). When consuming fails, the consumer is closed, and a new one resumes after the
 * last event applied, with a growing pause between attempts; {@link #isRebuilt()} is false from
 * the failure until the new consumer has caught up, so the gateway is not ready meanwhile.
 *
 * <p>For operators: the consumer's own client metrics (lag among them), and how long after its
 * event was written each revocation was applied ({@code passport.gateway.revocation.delay}), for
 * the events written since this gateway started; older ones are the rebuild, not a delay.
 */
final class RevocationListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RevocationListener.class);

    private final String bootstrapServers;
    private final String topic;
    private final Duration clockSkew;
    private final RevokedSessions revoked;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final JsonMapper json = new JsonMapper();
    private final MeterRegistry meters;
    private final Timer delay;
    private volatile Instant startedAt = Instant.MAX;

    private volatile KafkaConsumer<String, String> consumer;
    private volatile Thread thread;
    private volatile boolean assigned;
    private volatile boolean rebuilt;
    private volatile boolean stopping;
    private volatile Failure failure;
    /** The pause after a failure waits on this; stop() ends the pause with it. */
    private final Object pause = new Object();
    /** The next offset to read per partition; only the listener's thread touches it. */
    private final Map<TopicPartition, Long> resumeAt = new HashMap<>();

    /** Why consuming stopped and when the next attempt starts. */
    record Failure(String cause, Instant retryAt) {
    }

    RevocationListener(String bootstrapServers, String topic, Duration clockSkew, RevokedSessions revoked) {
        this(bootstrapServers, topic, clockSkew, revoked, new SimpleMeterRegistry());
    }

    RevocationListener(String bootstrapServers, String topic, Duration clockSkew, RevokedSessions revoked,
            MeterRegistry meters) {
        this(bootstrapServers, topic, clockSkew, revoked, Duration.ofSeconds(1), Duration.ofSeconds(30), meters);
    }

    RevocationListener(String bootstrapServers, String topic, Duration clockSkew, RevokedSessions revoked,
            Duration firstBackoff, Duration maxBackoff) {
        this(bootstrapServers, topic, clockSkew, revoked, firstBackoff, maxBackoff, new SimpleMeterRegistry());
    }

    RevocationListener(String bootstrapServers, String topic, Duration clockSkew, RevokedSessions revoked,
            Duration firstBackoff, Duration maxBackoff, MeterRegistry meters) {
        this.meters = meters;
        this.delay = Timer.builder("passport.gateway.revocation.delay")
                .description("From a session's revocation (its event written) to the gateway refusing its tokens")
                .register(meters);
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.clockSkew = clockSkew;
        this.revoked = revoked;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
    }

    @Override
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        stopping = false;
        startedAt = Instant.now();
        thread = Thread.ofPlatform().name("gateway-revocations").daemon().start(this::run);
    }

    private void run() {
        Duration backoff = firstBackoff;
        while (!stopping) {
            try {
                consume();
            } catch (WakeupException | InterruptException stopped) {
                if (stopping) {
                    return;
                }
                backoff = recoverAfter(stopped, backoff);
            } catch (RuntimeException e) {
                if (stopping) {
                    return;
                }
                backoff = recoverAfter(e, backoff);
            }
            if (rebuilt) {
                backoff = firstBackoff;
            }
        }
    }

    private Duration recoverAfter(RuntimeException e, Duration backoff) {
        rebuilt = false;
        assigned = false;
        failure = new Failure(e.toString(), Instant.now().plus(backoff));
        log.error("The revocation listener failed; it restarts in {} ms, and the gateway is not ready until it has caught up again",
                backoff.toMillis(), e);
        pauseFor(backoff);
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
    }

    /** Waits out the backoff, or less when stop() is called meanwhile; the loop then ends on stopping. */
    private void pauseFor(Duration backoff) {
        long deadline = System.nanoTime() + backoff.toNanos();
        synchronized (pause) {
            long left;
            while (!stopping && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(pause, left);
                } catch (InterruptedException interrupted) {
                    // The thread is the listener's own and stop() does not interrupt it: an
                    // interrupt ends this pause only. Kept set, it would make every next attempt
                    // fail at once and this pause return at once, a busy loop.
                    return;
                }
            }
        }
    }

    /** Reads until stopped; throws when consuming fails. */
    private void consume() {
        try (KafkaConsumer<String, String> reader = newConsumer();
                KafkaClientMetrics clientMetrics = new KafkaClientMetrics(reader)) {
            clientMetrics.bindTo(meters);
            consumer = reader;
            if (stopping) {
                return;
            }
            reader.subscribe(List.of(topic), new ResumeWhereLeft(reader));
            Map<TopicPartition, Long> rebuildTarget = null;
            while (!stopping) {
                var records = reader.poll(Duration.ofMillis(500));
                assigned = !reader.assignment().isEmpty();
                for (ConsumerRecord<String, String> record : records) {
                    apply(record);
                    resumeAt.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                }
                if (!rebuilt) {
                    rebuildTarget = checkRebuilt(reader, rebuildTarget);
                }
            }
        } finally {
            consumer = null;
        }
    }

    private KafkaConsumer<String, String> newConsumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "gateway-revocations-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "gateway-revocations",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    }

    /** A consumer after a failure goes on after the last applied event instead of reading everything again. */
    private final class ResumeWhereLeft implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, String> reader;

        ResumeWhereLeft(KafkaConsumer<String, String> reader) {
            this.reader = reader;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition partition : partitions) {
                Long next = resumeAt.get(partition);
                if (next != null) {
                    reader.seek(partition, next);
                }
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        }
    }

    private Map<TopicPartition, Long> checkRebuilt(KafkaConsumer<String, String> reader, Map<TopicPartition, Long> target) {
        try {
            if (target == null) {
                if (reader.assignment().isEmpty()) {
                    // A topic nobody has written to yet has nothing to rebuild.
                    if (reader.partitionsFor(topic, Duration.ofSeconds(2)).isEmpty()) {
                        markRebuilt();
                    }
                    return null;
                }
                target = reader.endOffsets(reader.assignment(), Duration.ofSeconds(2));
            }
            if (target.entrySet().stream().allMatch(end -> reader.position(end.getKey()) >= end.getValue())) {
                markRebuilt();
            }
            return target;
        } catch (WakeupException | InterruptException stopped) {
            throw stopped;
        } catch (KafkaException notNow) {
            // The broker is unreachable or slow: ask again after the next poll.
            return target;
        }
    }

    private void markRebuilt() {
        failure = null;
        rebuilt = true;
        log.info("Revocation deny-list rebuilt from {}: {} revoked sessions", topic, revoked.size());
    }

    /**
     * An event that cannot be read is skipped: reading it again would fail again. A failure to
     * apply a readable one propagates, so the event is read again by the next consumer.
     */
    private void apply(ConsumerRecord<String, String> record) {
        SessionRevoked revocation;
        Instant occurredAt;
        try {
            EventEnvelope event = json.readValue(record.value(), EventEnvelope.class);
            if (!SessionRevoked.TYPE.equals(event.type())) {
                return;
            }
            revocation = json.treeToValue(event.payload(), SessionRevoked.class);
            occurredAt = event.occurredAt();
        } catch (RuntimeException unreadable) {
            log.warn("Skipping an unreadable event at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    unreadable.toString());
            return;
        }
        if (revocation.sessionId() == null || revocation.tokensValidUntil() == null) {
            return;
        }
        Instant until;
        try {
            // The verifier accepts tokens up to the skew past exp, so they stay refused that long too.
            until = revocation.tokensValidUntil().plus(clockSkew);
        } catch (RuntimeException beyondTime) {
            until = Instant.MAX;
        }
        revoked.revoke(revocation.sessionId().toString(), until);
        if (occurredAt.isAfter(startedAt)) {
            delay.record(Duration.between(occurredAt, Instant.now()));
        }
    }

    /** Whether the list holds every revocation that was on the topic when the current consumer started. */
    boolean isRebuilt() {
        return rebuilt;
    }

    /** Whether the consumer has been given its partitions and reads events. */
    boolean isAssigned() {
        return assigned;
    }

    /** Why the last consumer failed, while a new one has not caught up yet; null otherwise. */
    Failure failure() {
        return failure;
    }

    /** Whether the listener's thread runs: false after a stop, or if something ended it beyond recovery. */
    boolean isAlive() {
        Thread running = thread;
        return running != null && running.isAlive();
    }

    @Override
    public synchronized void stop() {
        Thread running = thread;
        if (running == null) {
            return;
        }
        thread = null;
        stopping = true;
        // Woken, not interrupted: an interrupt would also break the consumer's close (leaving its
        // group and closing its fetch sessions failed, with an error each, at every shutdown).
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        synchronized (pause) {
            pause.notifyAll();
        }
        try {
            running.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
