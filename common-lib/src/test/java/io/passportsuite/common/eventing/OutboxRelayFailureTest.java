package io.passportsuite.common.eventing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownServerException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.passportsuite.common.events.EventEnvelope;
import io.passportsuite.common.testing.TestPostgres;
import tools.jackson.databind.json.JsonMapper;

/**
 * Broker answers the test broker cannot give (authorization, authentication, fatal producer
 * states) played by a stand-in producer, against the real outbox tables.
 */
class OutboxRelayFailureTest {

    private static final JsonMapper json = new JsonMapper();
    private static final String TOPIC = "outbox-failure-test";
    /** One rejection is enough to set an event aside: whatever is not a rejection must show at once. */
    private static final OutboxProperties properties =
            new OutboxProperties(true, Duration.ofMillis(100), 50, Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofMinutes(1), 1);

    private static JdbcClient jdbc;
    private static TransactionTemplate transaction;

    private OutboxWriter writer;

    @BeforeAll
    static void database() {
        TestPostgres.Database db = TestPostgres.freshDatabase("outbox_failure");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
        new EventingSchema(dataSource);
        jdbc = JdbcClient.create(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @BeforeEach
    void setUp() {
        writer = new OutboxWriter(jdbc, json);
        jdbc.sql("DELETE FROM outbox_event").update();
    }

    static Stream<Arguments> brokerOrProducerNotUsable() {
        return Stream.of(
                Arguments.of(new TopicAuthorizationException("Not authorized to access topics: [" + TOPIC + "]")),
                Arguments.of(new ClusterAuthorizationException("Cluster authorization failed.")),
                Arguments.of(new SaslAuthenticationException("Authentication failed: invalid credentials")),
                Arguments.of(new OutOfOrderSequenceException("out of order")),
                Arguments.of(new ProducerFencedException("fenced")),
                Arguments.of(new UnknownServerException("the broker failed")),
                Arguments.of(new KafkaException("something nobody foresaw")),
                Arguments.of(new IllegalStateException("Cannot perform operation after producer has been closed")));
    }

    @ParameterizedTest
    @MethodSource("brokerOrProducerNotUsable")
    void shouldKeepEventsWaitingWhileKafkaRefusesTheProducerItself(RuntimeException failure) {
        append("user-1");
        append("user-2");
        StandInFactory factory = new StandInFactory((producer, record) -> failure);
        OutboxRelay relay = relay(factory);

        for (int round = 0; round < 4; round++) {
            assertThat(relay.relayBatch()).isZero();
            endWaits();
        }

        assertThat(jdbc.sql("SELECT count(*) FROM outbox_event WHERE dead_at IS NULL AND sent_at IS NULL AND rejections = 0")
                .query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT last_error FROM outbox_event ORDER BY id").query(String.class).list().getFirst())
                .contains(failure.getClass().getSimpleName());
        relay.close();
    }

    @Test
    void shouldLogAnOutageOnceAndNotOncePerEvent() {
        for (int i = 0; i < 3; i++) {
            append("user-" + i);
        }
        Logger logger = (Logger) LoggerFactory.getLogger(OutboxRelay.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            OutboxRelay relay = relay(new StandInFactory((producer, record) -> new TopicAuthorizationException("denied")));
            for (int round = 0; round < 3; round++) {
                relay.relayBatch();
                endWaits();
            }
        } finally {
            logger.detachAppender(lines);
        }

        assertThat(lines.list).filteredOn(line -> line.getLevel().isGreaterOrEqual(Level.WARN))
                .singleElement()
                .satisfies(line -> assertThat(line.getFormattedMessage()).contains("TopicAuthorizationException", "credentials"));
    }

    @Test
    void shouldRecreateTheProducerAfterItWasClosedAndSendWithTheNewOne() {
        append("user-1");
        StandInFactory factory = new StandInFactory((producer, record) -> null);
        OutboxRelay relay = relay(factory);
        // The relay's producer exists and then dies under it (closed, fatal state).
        factory.createProducer();
        factory.created.getFirst().close();

        assertThat(relay.relayBatch()).isZero();
        assertThat(jdbc.sql("SELECT rejections FROM outbox_event").query(Integer.class).single()).isZero();
        endWaits();
        assertThat(relay.relayBatch()).isEqualTo(1);

        assertThat(factory.created).hasSize(2);
        assertThat(factory.created.get(1).history()).extracting(ProducerRecord::key).containsExactly("user-1");
        relay.close();
    }

    @Test
    void shouldRecreateTheProducerAfterAFatalProducerState() {
        append("user-1");
        StandInFactory factory = new StandInFactory(
                (producer, record) -> producer == 0 ? new OutOfOrderSequenceException("sequence gap") : null);
        OutboxRelay relay = relay(factory);

        assertThat(relay.relayBatch()).isZero();
        endWaits();
        assertThat(relay.relayBatch()).isEqualTo(1);

        assertThat(factory.created).hasSize(2);
        assertThat(jdbc.sql("SELECT rejections FROM outbox_event").query(Integer.class).single()).isZero();
        relay.close();
    }

    static Stream<Arguments> recordRefused() {
        return Stream.of(
                Arguments.of(new RecordTooLargeException("too large")),
                Arguments.of(new InvalidRecordException("invalid record")),
                Arguments.of(new SerializationException("cannot serialise")),
                Arguments.of(new CorruptRecordException("corrupt")),
                Arguments.of(new InvalidTopicException("bad topic name")));
    }

    @ParameterizedTest
    @MethodSource("recordRefused")
    void shouldCountARefusalOfTheRecordItselfAsARejection(RuntimeException failure) {
        append("user-poison");
        append("user-fine");
        StandInFactory factory = new StandInFactory(
                (producer, record) -> record.key().equals("user-poison") ? failure : null);

        assertThat(relay(factory).relayBatch()).isEqualTo(1);

        assertThat(jdbc.sql("SELECT dead_at IS NOT NULL FROM outbox_event WHERE event_key = 'user-poison'")
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void shouldHoldBackAKeysLaterEventsWhenAnEarlierOneIsRejectedInTheSameBatch() {
        append("user-ordered");
        append("user-ordered");
        append("user-other");
        String first = firstIdOf("user-ordered");
        StandInFactory factory = new StandInFactory((producer, record) ->
                eventIdOf(record).equals(first) ? new RecordTooLargeException("too large") : null);
        OutboxProperties patient =
                new OutboxProperties(true, Duration.ofMillis(100), 50, Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofMinutes(1), 3);

        assertThat(relay(factory, patient).relayBatch()).isEqualTo(1);

        assertThat(factory.created.getFirst().history()).extracting(ProducerRecord::key).containsExactly("user-other");
        assertThat(jdbc.sql("SELECT claimed_until IS NULL FROM outbox_event WHERE event_key = 'user-ordered' ORDER BY id")
                .query(Boolean.class).list()).as("the rejected one waits, the one behind it is released").containsExactly(false, true);
    }

    @Test
    void shouldHoldBackAKeysLaterEventsWhenAnEarlierOneMustWait() {
        append("user-ordered");
        append("user-ordered");
        append("user-other");
        String first = firstIdOf("user-ordered");
        StandInFactory factory = new StandInFactory((producer, record) ->
                eventIdOf(record).equals(first) ? new NotLeaderOrFollowerException("leader moved") : null);

        assertThat(relay(factory).relayBatch()).isEqualTo(1);

        assertThat(factory.created.getFirst().history()).extracting(ProducerRecord::key).containsExactly("user-other");
        assertThat(jdbc.sql("SELECT count(*) FROM outbox_event WHERE sent_at IS NULL AND dead_at IS NULL")
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void shouldSendAKeysEventsOfOneBatchInTheirOrder() {
        for (int i = 0; i < 5; i++) {
            append("user-many");
        }
        append("user-other");
        StandInFactory factory = new StandInFactory((producer, record) -> null);

        assertThat(relay(factory).relayBatch()).isEqualTo(6);

        List<String> sentIds = factory.created.getFirst().history().stream()
                .filter(record -> record.key().equals("user-many")).map(OutboxRelayFailureTest::eventIdOf).toList();
        assertThat(sentIds).isEqualTo(jdbc.sql("SELECT event_id::text FROM outbox_event WHERE event_key = 'user-many' ORDER BY id")
                .query(String.class).list());
    }

    @Test
    void shouldReleaseTheRestOfTheBatchWhenKafkaDoesNotAnswerInTime() {
        append("user-1");
        append("user-2");
        StandInFactory factory = new StandInFactory((producer, record) -> new TimeoutException("metadata not available"));

        assertThat(relay(factory).relayBatch()).isZero();

        assertThat(jdbc.sql("SELECT count(*) FROM outbox_event WHERE dead_at IS NULL AND rejections = 0")
                .query(Long.class).single()).isEqualTo(2);
    }

    /** The event id the record carries, from its header. */
    private static String eventIdOf(ProducerRecord<String, String> record) {
        return new String(record.headers().lastHeader("event-id").value());
    }

    private static String firstIdOf(String key) {
        return jdbc.sql("SELECT event_id::text FROM outbox_event WHERE event_key = :key ORDER BY id LIMIT 1")
                .param("key", key).query(String.class).single();
    }

    /** A failed event waits a little before its retry; the test does not. */
    private static void endWaits() {
        jdbc.sql("UPDATE outbox_event SET claimed_until = NULL WHERE sent_at IS NULL AND dead_at IS NULL").update();
    }

    private void append(String subject) {
        transaction.executeWithoutResult(status -> writer.append(TOPIC, EventEnvelope.newEvent("user.registered", 1,
                "default", subject, json.createObjectNode().put("email", "a@example.com"))));
    }

    private OutboxRelay relay(StandInFactory factory) {
        return relay(factory, properties);
    }

    private OutboxRelay relay(StandInFactory factory, OutboxProperties settings) {
        return new OutboxRelay(jdbc, transaction, new KafkaTemplate<>(factory), settings,
                new OutboxMetrics(new SimpleMeterRegistry(), new OutboxBacklog(jdbc)));
    }

    /**
     * Spring's own producer factory over stand-in producers: {@code refuse} says, per producer (0
     * for the first one created) and record, with what the send fails, or null to acknowledge it.
     */
    private static final class StandInFactory extends DefaultKafkaProducerFactory<String, String> {

        final List<MockProducer<String, String>> created = new CopyOnWriteArrayList<>();
        private final BiFunction<Integer, ProducerRecord<String, String>, RuntimeException> refuse;

        StandInFactory(BiFunction<Integer, ProducerRecord<String, String>, RuntimeException> refuse) {
            super(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"), new StringSerializer(), new StringSerializer());
            this.refuse = refuse;
        }

        @Override
        protected Producer<String, String> createRawProducer(Map<String, Object> configs) {
            int index = created.size();
            MockProducer<String, String> producer = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer()) {
                @Override
                public synchronized Future<RecordMetadata> send(ProducerRecord<String, String> record, Callback callback) {
                    RuntimeException failure = closed() ? null : refuse.apply(index, record);
                    if (failure == null) {
                        return super.send(record, callback);
                    }
                    if (failure instanceof IllegalStateException) {
                        throw failure;
                    }
                    // As the broker's answer does: a moment later, to the callback and the future.
                    CompletableFuture<RecordMetadata> answer = new CompletableFuture<>();
                    CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS).execute(() -> {
                        callback.onCompletion(null, failure);
                        answer.completeExceptionally(failure);
                    });
                    return answer;
                }
            };
            created.add(producer);
            return producer;
        }
    }
}
