package io.passportsuite.common.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import io.passportsuite.common.testing.TestKafka;
import io.passportsuite.common.testing.TestPostgres;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OutboxRelayIntegrationTest {

    private static final JsonMapper json = new JsonMapper();
    private static final OutboxProperties properties =
            new OutboxProperties(true, Duration.ofMillis(100), 50, Duration.ofSeconds(10), Duration.ofMinutes(5));

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
                new OutboxProperties(true, Duration.ofMillis(100), 50, Duration.ofSeconds(2), Duration.ofMinutes(5));

        OutboxRelay cutOff = relay("127.0.0.1:" + unusedPort(), impatient);
        assertThat(cutOff.relayBatch()).isZero();
        assertThat(pendingCount()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT attempts FROM outbox_event").query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT last_error FROM outbox_event").query(String.class).single()).isNotBlank();
        assertThat(new OutboxBacklog(jdbc).read().pending()).isEqualTo(1);

        assertThat(relay(TestKafka.bootstrapServers(), properties).relayBatch()).isEqualTo(1);
        assertThat(consume(1)).hasSize(1);
        assertThat(pendingCount()).isZero();
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

    private OutboxRelay relay(String bootstrapServers, OutboxProperties settings) {
        OutboxRelay relay = new OutboxRelay(jdbc, transaction,
                OutboxRelay.producer(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), settings),
                settings, new OutboxMetrics(new SimpleMeterRegistry(), new OutboxBacklog(jdbc)));
        relays.add(relay);
        return relay;
    }

    private static EventEnvelope userRegistered(String subject) {
        return EventEnvelope.newEvent("user.registered", 1, "default", subject,
                json.createObjectNode().put("email", "a@example.com"));
    }

    private long pendingCount() {
        return jdbc.sql("SELECT count(*) FROM outbox_event WHERE sent_at IS NULL").query(Long.class).single();
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
