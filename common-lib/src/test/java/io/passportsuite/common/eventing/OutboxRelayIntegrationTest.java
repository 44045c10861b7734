package io.passportsuite.common.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.passportsuite.common.events.EventEnvelope;
import io.passportsuite.common.retention.PeriodicPurge;
import io.passportsuite.common.testing.TestKafka;
import io.passportsuite.common.testing.TestPostgres;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OutboxRelayIntegrationTest {

    private static final JsonMapper json = new JsonMapper();
    private static final OutboxProperties properties =
            new OutboxProperties(true, Duration.ofMillis(100), 50, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(1), 3);

    private static DriverManagerDataSource dataSource;
    private static JdbcClient jdbc;
    private static TransactionTemplate transaction;

    private final List<OutboxRelay> relays = new ArrayList<>();
    private String topic;
    private OutboxWriter writer;

    @BeforeAll
    static void database() {
        TestPostgres.Database db = TestPostgres.freshDatabase("outbox_relay");
        dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
        new EventingSchema(dataSource);
        jdbc = JdbcClient.create(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @BeforeEach
    void setUp() {
        topic = "outbox-test-" + UUID.randomUUID();
        writer = new OutboxWriter(jdbc, json);
        jdbc.sql("DELETE FROM outbox_event").update();
    }

    @AfterEach
    void closeRelays() {
        relays.forEach(OutboxRelay::close);
    }

    @Test
    void shouldPublishCommittedEventAndMarkItSentOnlyOnce() {
        EventEnvelope event = userRegistered("user-1");
        transaction.executeWithoutResult(status -> writer.append(topic, event));

        OutboxRelay relay = relay(TestKafka.bootstrapServers(), properties);
        assertThat(relay.relayBatch()).isEqualTo(1);
        assertThat(relay.relayBatch()).isZero();

        List<ConsumerRecord<String, String>> records = consume(1);
        assertThat(records).hasSize(1);
        ConsumerRecord<String, String> record = records.getFirst();
        assertThat(record.key()).isEqualTo("user-1");
        JsonNode published = json.readTree(record.value());
        assertThat(published.get("eventId").asString()).isEqualTo(event.eventId().toString());
        assertThat(published.get("type").asString()).isEqualTo("user.registered");
        assertThat(published.get("payload").get("email").asString()).isEqualTo("a@example.com");
        assertThat(new String(record.headers().lastHeader("event-id").value())).isEqualTo(event.eventId().toString());
        assertThat(pendingCount()).isZero();
        // What the event said lives on in Kafka only; the sent row keeps which event it was.
        assertThat(jdbc.sql("SELECT envelope::text FROM outbox_event").query(String.class).single())
                .contains(event.eventId().toString()).doesNotContain("payload").doesNotContain("a@example.com");
    }

    @Test
    void shouldNeverPublishAnEventWhoseTransactionRolledBack() {
        transaction.executeWithoutResult(status -> {
            writer.append(topic, userRegistered("user-2"));
            status.setRollbackOnly();
        });

        assertThat(relay(TestKafka.bootstrapServers(), properties).relayBatch()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM outbox_event").query(Long.class).single()).isZero();
    }

    @Test
    void shouldKeepEventPendingWhileBrokerIsUnreachableAndSendItWhenBack() {
        transaction.executeWithoutResult(status -> writer.append(topic, userRegistered("user-3")));
        OutboxProperties impatient =
                new OutboxProperties(true, Duration.ofMillis(100), 50, Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofMinutes(1), 1);

        OutboxRelay cutOff = relay("127.0.0.1:" + unusedPort(), impatient);
        assertThat(cutOff.relayBatch()).isZero();
        assertThat(pendingCount()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT attempts FROM outbox_event").query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT last_error FROM outbox_event").query(String.class).single()).isNotBlank();
        assertThat(new OutboxBacklog(jdbc).read().pending()).isEqualTo(1);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        new OutboxMetrics(meters, new OutboxBacklog(jdbc));
        assertThat(meters.get("outbox.pending").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("outbox.oldest.age").timeGauge().value(TimeUnit.MILLISECONDS)).isPositive();
        // A broker that is away says nothing against the event: however few rejections are allowed, it waits.
        assertThat(jdbc.sql("SELECT dead_at IS NULL FROM outbox_event").query(Boolean.class).single()).isTrue();

        assertThat(relayUntil(relay(TestKafka.bootstrapServers(), properties), 1, Duration.ofSeconds(20))).isEqualTo(1);
        assertThat(consume(1)).hasSize(1);
        assertThat(pendingCount()).isZero();
        assertThat(meters.get("outbox.oldest.age").timeGauge().value(TimeUnit.MILLISECONDS)).isZero();
    }

    @Test
    void shouldPublishEveryEventOfABacklogLargerThanOneBatch() {
        for (int i = 0; i < 120; i++) {
            String subject = "user-" + i;
            transaction.executeWithoutResult(status -> writer.append(topic, userRegistered(subject)));
        }
        OutboxRelay relay = relay(TestKafka.bootstrapServers(), properties);
        int sent = 0;
        for (int round = 0; round < 5; round++) {
            sent += relay.relayBatch();
        }
        assertThat(sent).isEqualTo(120);
        assertThat(consume(120)).hasSize(120);
    }

    @Test
    void shouldRefuseToWriteOutsideATransaction() {
        assertThatThrownBy(() -> writer.append(topic, userRegistered("user-4")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(pendingCount()).isZero();
    }

    @Test
    void shouldRecogniseARedeliveredEvent() {
        ProcessedEvents processed = new ProcessedEvents(jdbc);
        UUID eventId = UUID.randomUUID();
        Boolean first = transaction.execute(status -> processed.firstTime("membership", eventId));
        Boolean again = transaction.execute(status -> processed.firstTime("membership", eventId));
        Boolean otherConsumer = transaction.execute(status -> processed.firstTime("notification", eventId));
        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(otherConsumer).isTrue();
    }

    @Test
    void shouldSetAsideAnEventTheBrokerRefusesAndRelayTheEventsBehindIt() {
        transaction.executeWithoutResult(status -> writer.append(topic, EventEnvelope.newEvent("user.registered", 1,
                "default", "user-poison", json.createObjectNode().put("email", "x".repeat(5_000)))));
        transaction.executeWithoutResult(status -> writer.append(topic, userRegistered("user-5")));
        transaction.executeWithoutResult(status -> writer.append(topic, userRegistered("user-6")));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        // A record above the producer's size limit is refused on every attempt.
        OutboxRelay relay = relay(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000), properties, registry);

        assertThat(relay.relayBatch()).isEqualTo(2);
        assertThat(consume(2)).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("user-5", "user-6");

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (deadOnes() == 0 && System.nanoTime() < deadline) {
            relay.relayBatch();
            sleep(Duration.ofMillis(100));
        }
        assertThat(deadOnes()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT rejections FROM outbox_event WHERE dead_at IS NOT NULL").query(Integer.class).single())
                .isEqualTo(properties.maxRejections());
        assertThat(jdbc.sql("SELECT last_error FROM outbox_event WHERE dead_at IS NOT NULL").query(String.class).single())
                .contains("RecordTooLarge");
        assertThat(registry.get("outbox.set.aside").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("outbox.dead").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("outbox.pending").gauge().value()).isZero();

        transaction.executeWithoutResult(status -> writer.append(topic, userRegistered("user-7")));
        assertThat(relay.relayBatch()).isEqualTo(1);
    }

    @Test
    void shouldNotSendAKeysLaterEventInTheBatchWhereAnEarlierOneWasRefused() {
        transaction.executeWithoutResult(status -> writer.append(topic, EventEnvelope.newEvent("user.registered", 1,
                "default", "user-poison", json.createObjectNode().put("email", "x".repeat(5_000)))));
        transaction.executeWithoutResult(status -> writer.append(topic, userRegistered("user-poison")));
        transaction.executeWithoutResult(status -> writer.append(topic, userRegistered("user-9")));
        OutboxRelay relay = relay(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000), properties, new SimpleMeterRegistry());

        assertThat(relay.relayBatch()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT event_key FROM outbox_event WHERE sent_at IS NOT NULL").query(String.class).list())
                .containsExactly("user-9");

        // Once the refused one is set aside, the key's next event goes.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (pendingCount() > 0 && System.nanoTime() < deadline) {
            relay.relayBatch();
            sleep(Duration.ofMillis(100));
        }
        assertThat(deadOnes()).isEqualTo(1);
        assertThat(consume(2)).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("user-9", "user-poison");
    }

    @Test
    void shouldRelayADeadEventAgainOnceAnOperatorRevivesIt() {
        transaction.executeWithoutResult(status -> writer.append(topic, EventEnvelope.newEvent("user.registered", 1,
                "default", "user-revived", json.createObjectNode().put("email", "x".repeat(5_000)))));
        OutboxRelay strict = relay(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000), properties, new SimpleMeterRegistry());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (deadOnes() == 0 && System.nanoTime() < deadline) {
            strict.relayBatch();
            sleep(Duration.ofMillis(100));
        }
        assertThat(deadOnes()).isEqualTo(1);
        assertThat(strict.relayBatch()).as("a dead event is not relayed").isZero();

        // What README gives operators, once the cause (here the producer's size limit) is fixed.
        assertThat(jdbc.sql("UPDATE outbox_event SET dead_at = NULL, rejections = 0 WHERE dead_at IS NOT NULL AND event_key = 'user-revived'")
                .update()).isEqualTo(1);

        assertThat(relayUntil(relay(TestKafka.bootstrapServers(), properties), 1, Duration.ofSeconds(20))).isEqualTo(1);
        assertThat(consume(1)).extracting(ConsumerRecord::key).containsExactly("user-revived");
        assertThat(pendingCount()).isZero();
        assertThat(deadOnes()).isZero();
    }

    @Test
    void shouldHoldNoTransactionOpenWhileWaitingForTheBroker() throws Exception {
        transaction.executeWithoutResult(status -> writer.append(topic, userRegistered("user-8")));
        OutboxProperties patient =
                new OutboxProperties(true, Duration.ofMillis(100), 50, Duration.ofSeconds(4), Duration.ofMinutes(5), Duration.ofMinutes(1), 3);
        OutboxRelay cutOff = relay("127.0.0.1:" + unusedPort(), patient);

        Thread sending = Thread.ofPlatform().start(cutOff::relayBatch);
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (!claimed() && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(20));
        }
        assertThat(claimed()).as("the batch was claimed before the send").isTrue();
        List<Long> openTransactions = new ArrayList<>();
        for (int i = 0; i < 10 && sending.isAlive(); i++) {
            openTransactions.add(jdbc.sql("""
                    SELECT count(*) FROM pg_stat_activity
                    WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
                      AND (state LIKE 'idle in transaction%' OR xact_start IS NOT NULL)
                    """).query(Long.class).single());
            sleep(Duration.ofMillis(100));
        }
        assertThat(sending.isAlive()).as("still waiting for the broker after the samples").isTrue();
        sending.join();

        assertThat(openTransactions).isNotEmpty().containsOnly(0L);
        assertThat(pendingCount()).isEqualTo(1);
    }

    @Test
    void shouldNeverSendAnEventTwiceWhenRelaysRunSideBySide() throws Exception {
        // The topic exists before the race: its creation is slow and not what this test is about.
        transaction.executeWithoutResult(status -> writer.append(topic, userRegistered("user-first")));
        assertThat(relayUntil(relay(TestKafka.bootstrapServers(), properties), 1, Duration.ofSeconds(30))).isEqualTo(1);
        for (int i = 0; i < 100; i++) {
            String subject = "user-side-" + i;
            transaction.executeWithoutResult(status -> writer.append(topic, userRegistered(subject)));
        }
        OutboxProperties small =
                new OutboxProperties(true, Duration.ofMillis(100), 7, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(1), 3);
        List<OutboxRelay> sideBySide = List.of(relay(TestKafka.bootstrapServers(), small), relay(TestKafka.bootstrapServers(), small),
                relay(TestKafka.bootstrapServers(), small));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Thread> threads = sideBySide.stream().map(relay -> Thread.ofPlatform().start(() -> {
            while (pendingCount() > 0 && System.nanoTime() < deadline) {
                if (relay.relayBatch() == 0) {
                    sleep(Duration.ofMillis(20));
                }
            }
        })).toList();
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(60));
        }

        assertThat(pendingCount()).isZero();
        assertThat(jdbc.sql("SELECT max(attempts) FROM outbox_event").query(Integer.class).single()).isEqualTo(1);
        assertThat(consume(101)).hasSize(101);
    }

    @Test
    void shouldHoldBackAKeysLaterEventWhileAnEarlierOneIsClaimedElsewhere() {
        transaction.executeWithoutResult(status -> writer.append(topic, userRegistered("user-ordered")));
        transaction.executeWithoutResult(status -> writer.append(topic, userRegistered("user-ordered")));
        transaction.executeWithoutResult(status -> writer.append(topic, userRegistered("user-other")));
        // Another replica holds the key's first event.
        jdbc.sql("""
                UPDATE outbox_event SET claimed_until = now() + interval '1 minute'
                WHERE id = (SELECT min(id) FROM outbox_event WHERE event_key = 'user-ordered')
                """).update();

        assertThat(relay(TestKafka.bootstrapServers(), properties).relayBatch()).isEqualTo(1);

        assertThat(jdbc.sql("SELECT event_key FROM outbox_event WHERE sent_at IS NOT NULL").query(String.class).list())
                .containsExactly("user-other");
    }

    @Test
    void shouldPurgeSentEventsAndProcessedMarksPastTheirRetentionOnly() {
        for (String subject : List.of("old-sent", "new-sent", "old-pending", "old-dead")) {
            transaction.executeWithoutResult(status -> writer.append(topic, userRegistered(subject)));
        }
        jdbc.sql("UPDATE outbox_event SET sent_at = now() - interval '8 days' WHERE event_key = 'old-sent'").update();
        jdbc.sql("UPDATE outbox_event SET sent_at = now() - interval '1 day' WHERE event_key = 'new-sent'").update();
        jdbc.sql("UPDATE outbox_event SET created_at = now() - interval '30 days' WHERE event_key = 'old-pending'").update();
        jdbc.sql("UPDATE outbox_event SET dead_at = now() - interval '30 days' WHERE event_key = 'old-dead'").update();
        jdbc.sql("DELETE FROM processed_event").update();
        UUID oldMark = UUID.randomUUID();
        UUID newMark = UUID.randomUUID();
        jdbc.sql("INSERT INTO processed_event (consumer, event_id, processed_at) VALUES ('c', :old, now() - interval '31 days'), ('c', :new, now() - interval '29 days')")
                .param("old", oldMark).param("new", newMark).update();
        EventingRetentionProperties retention =
                new EventingRetentionProperties(true, Duration.ofDays(7), Duration.ofDays(30), Duration.ofHours(1), 1);
        EventingRetention purge = new EventingRetention(jdbc);

        Map<String, Long> deleted = new PeriodicPurge("test-purge", retention.interval(),
                retention.batchSize(), Map.of(
                        "sent", limit -> purge.deleteSentEvents(retention.sentEvents(), limit),
                        "processed", limit -> purge.deleteProcessedEvents(retention.processedEvents(), limit)))
                .runOnce();

        assertThat(deleted).containsEntry("sent", 1L).containsEntry("processed", 1L);
        assertThat(jdbc.sql("SELECT event_key FROM outbox_event").query(String.class).list())
                .containsExactlyInAnyOrder("new-sent", "old-pending", "old-dead");
        assertThat(jdbc.sql("SELECT event_id FROM processed_event").query(UUID.class).list()).containsExactly(newMark);
    }

    @Test
    void shouldRefuseAProcessedEventRetentionShorterThanARedeliveryCouldCome() {
        assertThatThrownBy(() -> new EventingRetentionProperties(true, Duration.ofDays(7), Duration.ofDays(2), Duration.ofHours(1), 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("processed-events");
    }

    private OutboxRelay relay(String bootstrapServers, OutboxProperties settings) {
        return relay(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), settings, new SimpleMeterRegistry());
    }

    private OutboxRelay relay(Map<String, Object> producerConfig, OutboxProperties settings, SimpleMeterRegistry registry) {
        OutboxRelay relay = new OutboxRelay(jdbc, transaction, OutboxRelay.producer(producerConfig, settings),
                settings, new OutboxMetrics(registry, new OutboxBacklog(jdbc)));
        relays.add(relay);
        return relay;
    }

    /** Rounds until {@code expected} rows were sent: a row that failed waits a moment before its retry. */
    private static int relayUntil(OutboxRelay relay, int expected, Duration timeout) {
        int sent = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (sent < expected && System.nanoTime() < deadline) {
            sent += relay.relayBatch();
            if (sent < expected) {
                sleep(Duration.ofMillis(100));
            }
        }
        return sent;
    }

    private boolean claimed() {
        return jdbc.sql("SELECT count(*) FROM outbox_event WHERE claimed_until > now()").query(Long.class).single() > 0;
    }

    private long deadOnes() {
        return jdbc.sql("SELECT count(*) FROM outbox_event WHERE dead_at IS NOT NULL").query(Long.class).single();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static EventEnvelope userRegistered(String subject) {
        return EventEnvelope.newEvent("user.registered", 1, "default", subject,
                json.createObjectNode().put("email", "a@example.com"));
    }

    private long pendingCount() {
        return jdbc.sql("SELECT count(*) FROM outbox_event WHERE sent_at IS NULL AND dead_at IS NULL").query(Long.class).single();
    }

    private List<ConsumerRecord<String, String>> consume(int expected) {
        return TestKafka.readFromStart(topic, record -> true, expected, Duration.ofSeconds(60));
    }

    private static int unusedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
