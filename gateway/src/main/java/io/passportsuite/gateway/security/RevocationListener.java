package io.passportsuite.gateway.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

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
 * the listener started (the end offsets it found then); the gateway is not ready before that, so
 * a restarted replica never lets a revoked token through while it catches up. It stays true
 * afterwards, also while the broker is away: the list then only misses revocations from that time.
 */
final class RevocationListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RevocationListener.class);

    private final String bootstrapServers;
    private final String topic;
    private final Duration clockSkew;
    private final RevokedSessions revoked;
    private final JsonMapper json = new JsonMapper();

    private volatile KafkaConsumer<String, String> consumer;
    private volatile Thread thread;
    private volatile boolean assigned;
    private volatile boolean rebuilt;
    private volatile boolean stopping;
    /** Where the topic ended when the listener first got its partitions: reading up to there rebuilds the list. */
    private Map<TopicPartition, Long> rebuildTarget;

    RevocationListener(String bootstrapServers, String topic, Duration clockSkew, RevokedSessions revoked) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.clockSkew = clockSkew;
        this.revoked = revoked;
    }

    @Override
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "gateway-revocations-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "gateway-revocations",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        thread = Thread.ofPlatform().name("gateway-revocations").daemon().start(this::run);
    }

    private void run() {
        try (KafkaConsumer<String, String> reader = consumer) {
            reader.subscribe(List.of(topic));
            while (!stopping) {
                var records = reader.poll(Duration.ofMillis(500));
                assigned = !reader.assignment().isEmpty();
                records.forEach(this::apply);
                if (!rebuilt) {
                    checkRebuilt(reader);
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke the consumer up
        } catch (RuntimeException e) {
            log.error("The revocation listener stopped; revoked sessions are no longer refused at the gateway", e);
        }
    }

    private void checkRebuilt(KafkaConsumer<String, String> reader) {
        try {
            if (rebuildTarget == null) {
                if (reader.assignment().isEmpty()) {
                    // A topic nobody has written to yet has nothing to rebuild.
                    if (reader.partitionsFor(topic, Duration.ofSeconds(2)).isEmpty()) {
                        markRebuilt();
                    }
                    return;
                }
                rebuildTarget = reader.endOffsets(reader.assignment(), Duration.ofSeconds(2));
            }
            if (rebuildTarget.entrySet().stream().allMatch(end -> reader.position(end.getKey()) >= end.getValue())) {
                markRebuilt();
            }
        } catch (WakeupException stopping) {
            throw stopping;
        } catch (KafkaException notNow) {
            // The broker is unreachable or slow: ask again after the next poll.
        }
    }

    private void markRebuilt() {
        rebuilt = true;
        log.info("Revocation deny-list rebuilt from {}: {} revoked sessions", topic, revoked.size());
    }

    private void apply(ConsumerRecord<String, String> record) {
        try {
            EventEnvelope event = json.readValue(record.value(), EventEnvelope.class);
            if (!SessionRevoked.TYPE.equals(event.type())) {
                return;
            }
            SessionRevoked revocation = json.treeToValue(event.payload(), SessionRevoked.class);
            if (revocation.sessionId() != null && revocation.tokensValidUntil() != null) {
                // The verifier accepts tokens up to the skew past exp, so they stay refused that long too.
                revoked.revoke(revocation.sessionId().toString(), revocation.tokensValidUntil().plus(clockSkew));
            }
        } catch (RuntimeException unreadable) {
            log.warn("Skipping an unreadable event at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    unreadable.toString());
        }
    }

    /** Whether the list holds every revocation that was on the topic when the listener started. */
    boolean isRebuilt() {
        return rebuilt;
    }

    /** Whether the consumer has been given its partitions and reads events. */
    boolean isAssigned() {
        return assigned;
    }

    @Override
    public synchronized void stop() {
        Thread running = thread;
        if (running == null) {
            return;
        }
        thread = null;
        stopping = true;
        consumer.wakeup();
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
