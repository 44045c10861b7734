package io.passportsuite.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.passportsuite.common.events.EventEnvelope;
import io.passportsuite.common.events.user.SessionRevoked;
import io.passportsuite.common.testing.TestKafka;
import tools.jackson.databind.json.JsonMapper;

/** A freshly started listener (a restarted gateway) on a real broker. */
class RevocationListenerTest {

    private static final JsonMapper json = new JsonMapper();

    @Test
    void reportsRebuiltOnlyOnceEveryEarlierRevocationIsOnTheList() throws Exception {
        String topic = "revocations-" + UUID.randomUUID();
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sessions.add(UUID.randomUUID().toString());
        }
        publish(topic, sessions);
        RevokedSessions revoked = new RevokedSessions(Clock.systemUTC());
        RevocationListener listener = new RevocationListener(TestKafka.bootstrapServers(), topic, Duration.ofSeconds(30), revoked);

        listener.start();
        try {
            awaitRebuilt(listener);
            // Checked right when it turned: nothing published before the start may still be missing.
            assertThat(sessions).allMatch(revoked::isRevoked);
        } finally {
            listener.stop();
        }
    }

    @Test
    void aTopicNobodyWroteToYetHasNothingToRebuild() throws Exception {
        RevocationListener listener = new RevocationListener(TestKafka.bootstrapServers(), "revocations-" + UUID.randomUUID(),
                Duration.ofSeconds(30), new RevokedSessions(Clock.systemUTC()));

        listener.start();
        try {
            awaitRebuilt(listener);
        } finally {
            listener.stop();
        }
    }

    private static void awaitRebuilt(RevocationListener listener) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!listener.isRebuilt() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(listener.isRebuilt()).as("deny-list rebuilt").isTrue();
    }

    private static void publish(String topic, List<String> sessionIds) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (String sessionId : sessionIds) {
                String userId = UUID.randomUUID().toString();
                SessionRevoked revoked = new SessionRevoked(UUID.fromString(userId), UUID.fromString(sessionId),
                        SessionRevoked.LOGOUT, Instant.now().plusSeconds(900));
                EventEnvelope event = EventEnvelope.newEvent(SessionRevoked.TYPE, SessionRevoked.VERSION, "default", userId,
                        json.valueToTree(revoked));
                producer.send(new ProducerRecord<>(topic, userId, json.writeValueAsString(event)));
            }
            producer.flush();
        }
    }
}
