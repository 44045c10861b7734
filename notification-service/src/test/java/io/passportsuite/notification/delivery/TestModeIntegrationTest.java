package io.passportsuite.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import io.passportsuite.common.events.EventEnvelope;
import io.passportsuite.common.events.Topics;
import io.passportsuite.common.events.notification.NotificationRequested;
import io.passportsuite.common.retention.PeriodicPurge;
import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.common.testing.ServiceProbe;
import io.passportsuite.common.testing.TestKafka;
import tools.jackson.databind.json.JsonMapper;

/** No SMTP host and no SMS provider: messages are logged and recorded as channel {@code log}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "passport.notification.delivery.poll-interval=100ms")
@RealInfrastructure
@ExtendWith(OutputCaptureExtension.class)
class TestModeIntegrationTest {

    @Autowired
    private KafkaTemplate<String, String> kafka;

    @Autowired
    private JsonMapper json;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    @Qualifier("finishedDeliveryPurge")
    private PeriodicPurge finishedDeliveryPurge;

    @LocalServerPort
    private int port;

    private NotificationRequests requests;

    @BeforeEach
    void setUp() {
        requests = new NotificationRequests(kafka, json, jdbc);
    }

    @Test
    void shouldLogAndRecordAnEmailAsLogWhenNoSmtpHostIsConfigured(CapturedOutput output) throws Exception {
        EventEnvelope request = requests.envelope("chat", NotificationRequested.EMAIL, "dev@example.test",
                NotificationRequested.VERIFICATION_CODE, "en", Map.of("code", "314159", "expiresInMinutes", "10"), "Chat");

        requests.publish(request);

        await().atMost(NotificationRequests.TIMEOUT).untilAsserted(() -> assertThat(requests.row(request.eventId()))
                .contains(new NotificationRequests.Row("sent", "log", 1, null)));
        assertThat(output.getAll()).contains("TEST MODE").contains("314159");
    }

    @Test
    void shouldKeepNoCodeInADeliveredMessage() throws Exception {
        EventEnvelope request = requests.envelope("chat", NotificationRequested.EMAIL, "scrub@example.test",
                NotificationRequested.VERIFICATION_CODE, "en", Map.of("code", "577215", "expiresInMinutes", "10"), "Chat");

        requests.publish(request);

        await().atMost(NotificationRequests.TIMEOUT).untilAsserted(() -> assertThat(requests.row(request.eventId()))
                .contains(new NotificationRequests.Row("sent", "log", 1, null)));
        String stored = jdbc.sql("SELECT row_to_json(d)::text FROM delivery d WHERE event_id = :eventId")
                .param("eventId", request.eventId()).query(String.class).single();
        assertThat(stored).doesNotContain("577215").contains("scrub@example.test");
    }

    @Test
    void shouldPurgeFinishedDeliveriesPastTheirRetentionAndKeepTheOthers() throws Exception {
        EventEnvelope old = insertDelivery("purge-old@example.test", "sent", "8 days");
        EventEnvelope oldDead = insertDelivery("purge-dead@example.test", "dead", "8 days");
        EventEnvelope recent = insertDelivery("purge-recent@example.test", "sent", "6 days");
        EventEnvelope stillTrying = insertDelivery("purge-failed@example.test", "failed", "8 days");

        Map<String, Long> deleted = finishedDeliveryPurge.runOnce();

        assertThat(deleted.values()).containsExactly(2L);
        assertThat(requests.rowCount(old.eventId())).isZero();
        assertThat(requests.rowCount(oldDead.eventId())).isZero();
        assertThat(requests.rowCount(recent.eventId())).isEqualTo(1);
        assertThat(requests.rowCount(stillTrying.eventId())).isEqualTo(1);
    }

    private EventEnvelope insertDelivery(String destination, String status, String age) throws Exception {
        EventEnvelope request = requests.envelope("chat", NotificationRequested.EMAIL, destination,
                NotificationRequested.WELCOME, "en", Map.of("username", "u"), "Chat");
        // Not due (next_attempt_at in the future), so the worker leaves the failed one alone.
        jdbc.sql("""
                INSERT INTO delivery (id, event_id, app_id, channel, destination, template, status, attempts, request,
                                      next_attempt_at, created_at, updated_at)
                VALUES (gen_random_uuid(), :eventId, 'chat', 'log', :destination, 'welcome', :status, 1, CAST(:request AS jsonb),
                        CASE WHEN :status = 'failed' THEN now() + interval '1 day' END,
                        now() - CAST(:age AS interval), now() - CAST(:age AS interval))
                """).param("eventId", request.eventId()).param("destination", destination).param("status", status)
                .param("age", age).param("request", json.writeValueAsString(request)).update();
        return request;
    }

    @Test
    void shouldRecordAnSmsAsLogWhenNoProviderIsConfigured() throws Exception {
        EventEnvelope request = requests.envelope("chat", NotificationRequested.SMS, "+15550100",
                NotificationRequested.PASSWORD_RESET, "zh-CN", Map.of("code", "271828", "expiresInMinutes", "5"), "Chat");

        requests.publish(request);

        await().atMost(NotificationRequests.TIMEOUT).untilAsserted(() -> assertThat(requests.row(request.eventId()))
                .contains(new NotificationRequests.Row("sent", "log", 1, null)));
    }

    @Test
    void shouldReportBothChannelsInTestMode() {
        ServiceProbe.Response response = ServiceProbe.onPort(port).get("/internal/channels");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().propertyNames()).containsExactlyInAnyOrder("email", "sms");
        assertThat(response.json().get("email").asString()).isEqualTo("log");
        assertThat(response.json().get("sms").asString()).isEqualTo("log");
    }

    @Test
    void shouldCarryOnWithARetryPersistedBeforeARestart() throws Exception {
        // What a previous process left behind: two failed attempts, the next one due.
        EventEnvelope request = requests.envelope("chat", NotificationRequested.EMAIL, "later@example.test",
                NotificationRequested.WELCOME, "en", Map.of("username", "later"), "Chat");
        jdbc.sql("""
                INSERT INTO delivery (id, event_id, app_id, channel, destination, template, status, attempts, last_error,
                                      request, next_attempt_at)
                VALUES (gen_random_uuid(), :eventId, 'chat', 'log', 'later@example.test', 'welcome', 'failed', 2,
                        'SMTP: connection refused', CAST(:request AS jsonb), now())
                """).param("eventId", request.eventId()).param("request", json.writeValueAsString(request)).update();

        await().atMost(NotificationRequests.TIMEOUT).untilAsserted(() -> assertThat(requests.row(request.eventId()))
                .contains(new NotificationRequests.Row("sent", "log", 3, null)));
    }

    @Test
    void shouldSkipAnUnreadableRecordAndGoOnWithTheNextOne() throws Exception {
        EventEnvelope next = requests.envelope("chat", NotificationRequested.EMAIL, "same-key@example.test",
                NotificationRequested.WELCOME, "en", Map.of("username", "next"), "Chat");
        String withNullVariable = json.writeValueAsString(next).replace("\"username\":\"next\"", "\"username\":null")
                .replace(next.eventId().toString(), java.util.UUID.randomUUID().toString());

        requests.publishRaw("same-key@example.test", "not json");
        requests.publishRaw("same-key@example.test", withNullVariable);
        requests.publish(next);

        await().atMost(NotificationRequests.TIMEOUT).untilAsserted(() -> assertThat(requests.row(next.eventId()))
                .contains(new NotificationRequests.Row("sent", "log", 1, null)));
    }

    @Test
    void shouldParkARequestForAnUnknownTemplateOnTheDeadLetterTopicWithoutADelivery() throws Exception {
        EventEnvelope request = requests.envelope("chat", NotificationRequested.EMAIL, "dev@example.test",
                "invoice", "en", Map.of(), "Chat");

        requests.publish(request);

        List<ConsumerRecord<String, String>> parked = TestKafka.readFromStart(Topics.NOTIFICATION_REQUESTS_DEAD_LETTER,
                record -> record.value().contains(request.eventId().toString()), 1, NotificationRequests.TIMEOUT);
        assertThat(parked).hasSize(1);
        assertThat(requests.rowCount(request.eventId())).isZero();
        await().atMost(NotificationRequests.TIMEOUT).untilAsserted(() -> assertThat(scrape())
                .contains("notification_dead_letters_total{application=\"notification-service\",reason=\"invalid_request\"}"));
    }

    /** The names the alert rules and the dashboard use (deploy/monitoring), as Prometheus reads them here. */
    @Test
    void shouldExposeTheDeliveryOutboxAndConsumerMetricsUnderTheNamesTheAlertsUse() throws Exception {
        EventEnvelope request = requests.envelope("chat", NotificationRequested.EMAIL, "metrics@example.test",
                NotificationRequested.VERIFICATION_CODE, "en", Map.of("code", "111222"), "Chat");

        requests.publish(request);

        await().atMost(NotificationRequests.TIMEOUT).untilAsserted(() -> assertThat(scrape())
                .contains("notification_deliveries_total{application=\"notification-service\",channel=\"log\",outcome=\"sent\"}")
                .contains("kafka_consumer_fetch_manager_records_lag_max{")
                .contains("outbox_pending{")
                .contains("outbox_oldest_age_seconds{")
                .contains("http_server_requests_seconds_bucket{")
                .contains("jvm_memory_used_bytes{"));
    }

    private String scrape() {
        ServiceProbe.Response response = ServiceProbe.onPort(port).get("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }
}
