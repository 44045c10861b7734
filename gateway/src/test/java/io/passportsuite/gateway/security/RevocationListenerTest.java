package io.passportsuite.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Status;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.passportsuite.common.events.EventEnvelope;
import io.passportsuite.common.events.user.SessionRevoked;
import io.passportsuite.common.testing.TestKafka;
import io.passportsuite.gateway.testing.TcpForwarder;
import tools.jackson.databind.json.JsonMapper;

/** The listener on a real broker: after a start, after a failure, and with the broker starting late. */
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

    @Test
    void shouldRecoverWhenApplyingARevocationFailsAndApplyLaterOnes() throws Exception {
        String topic = "revocations-" + UUID.randomUUID();
        FailingClock clock = new FailingClock();
        RevokedSessions revoked = new RevokedSessions(clock);
        RevocationListener listener = new RevocationListener(TestKafka.bootstrapServers(), topic, Duration.ofSeconds(30), revoked,
                Duration.ofMillis(50), Duration.ofMillis(200));
        RevocationHealthIndicator health = new RevocationHealthIndicator(listener);
        listener.start();
        try {
            awaitRebuilt(listener);
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);

            clock.failing = true;
            String first = UUID.randomUUID().toString();
            publish(topic, List.of(first));
            await(() -> health.health().getStatus().equals(Status.DOWN), "not ready while revocations cannot be applied");
            Thread.sleep(500);
            // Several attempts later it still cannot apply the event, and still says so.
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.health().getDetails()).containsEntry("denyList", "recovering").containsKey("lastFailure");

            clock.failing = false;
            await(() -> health.health().getStatus().equals(Status.UP), "ready again once recovered");
            assertThat(revoked.isRevoked(first)).as("the event that failed is applied on recovery").isTrue();

            String later = UUID.randomUUID().toString();
            publish(topic, List.of(later));
            await(() -> revoked.isRevoked(later), "a later revocation applies");
        } finally {
            listener.stop();
        }
    }

    @Test
    void shouldBecomeReadyWhenTheBrokerBecomesReachableAfterTheListenerStarted() throws Exception {
        String topic = "revocations-" + UUID.randomUUID();
        RevokedSessions revoked = new RevokedSessions(Clock.systemUTC());
        try (TcpForwarder broker = new TcpForwarder(TestKafka.bootstrapServers())) {
            RevocationListener listener = new RevocationListener(broker.address(), topic, Duration.ofSeconds(30), revoked,
                    Duration.ofMillis(50), Duration.ofMillis(200));
            RevocationHealthIndicator health = new RevocationHealthIndicator(listener);
            listener.start();
            try {
                Thread.sleep(2_000);
                assertThat(health.health().getStatus()).as("no broker yet").isEqualTo(Status.DOWN);

                broker.open();
                awaitRebuilt(listener);
                assertThat(health.health().getStatus()).isEqualTo(Status.UP);

                String session = UUID.randomUUID().toString();
                publish(topic, List.of(session));
                await(() -> revoked.isRevoked(session), "a revocation published once the broker is reachable applies");
            } finally {
                listener.stop();
            }
        }
    }

    @Test
    void shouldStartAndReportNotReadyWhileTheBrokerAddressDoesNotResolve() throws Exception {
        RevocationListener listener = new RevocationListener("kafka.invalid:9092", "revocations-" + UUID.randomUUID(),
                Duration.ofSeconds(30), new RevokedSessions(Clock.systemUTC()), Duration.ofMillis(50), Duration.ofMillis(200));
        RevocationHealthIndicator health = new RevocationHealthIndicator(listener);

        listener.start();
        try {
            await(() -> listener.failure() != null, "the failed attempt is reported");
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(listener.isAlive()).as("it keeps trying").isTrue();
        } finally {
            listener.stop();
        }
    }

    @Test
    void shouldCloseItsConsumerCleanlyWhenStopped() throws Exception {
        String topic = "revocations-" + UUID.randomUUID();
        publish(topic, List.of(UUID.randomUUID().toString()));
        RevocationListener listener = new RevocationListener(TestKafka.bootstrapServers(), topic, Duration.ofSeconds(30),
                new RevokedSessions(Clock.systemUTC()));
        Logger kafka = (Logger) LoggerFactory.getLogger("org.apache.kafka");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        kafka.addAppender(lines);
        try {
            listener.start();
            try {
                awaitRebuilt(listener);
            } finally {
                listener.stop();
            }
            assertThat(listener.isAlive()).isFalse();
        } finally {
            kafka.detachAppender(lines);
        }
        // An interrupted thread cannot close its consumer: leaving the group and closing the fetch
        // sessions fail, with an error each, at every shutdown of the gateway.
        assertThat(lines.list).filteredOn(line -> line.getThreadName().equals("gateway-revocations"))
                .filteredOn(line -> line.getLevel().isGreaterOrEqual(Level.WARN))
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }

    @Test
    void shouldStopWhilePausingAfterAFailure() throws Exception {
        RevocationListener listener = new RevocationListener("kafka.invalid:9092", "revocations-" + UUID.randomUUID(),
                Duration.ofSeconds(30), new RevokedSessions(Clock.systemUTC()), Duration.ofMinutes(10), Duration.ofMinutes(10));
        listener.start();
        try {
            await(() -> listener.failure() != null, "the failed attempt is reported");
        } finally {
            listener.stop();
        }
        assertThat(listener.isAlive()).as("the ten-minute pause ends with the stop").isFalse();
    }

    private static void awaitRebuilt(RevocationListener listener) throws InterruptedException {
        await(listener::isRebuilt, "deny-list rebuilt");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
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
                producer.send(new ProducerRecord<>(topic, userId, json.writeValueAsString(event))).get();
            }
        }
    }

    /** A clock that fails while the test says so: applying a revocation then throws. */
    private static final class FailingClock extends Clock {

        volatile boolean failing;

        @Override
        public Instant instant() {
            if (failing) {
                throw new IllegalStateException("clock unavailable");
            }
            return Instant.now();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
