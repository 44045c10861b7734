package io.passportsuite.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.micrometer.core.instrument.MeterRegistry;
import io.passportsuite.common.events.EventEnvelope;
import io.passportsuite.common.events.Topics;
import io.passportsuite.common.events.notification.NotificationRequested;
import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.common.testing.TestKafka;
import tools.jackson.databind.json.JsonMapper;

/** An SMTP server nobody listens on: every attempt fails, so the request ends up dead and on the DLT. */
@SpringBootTest(properties = {
        "passport.notification.delivery.poll-interval=100ms",
        "passport.notification.delivery.backoff=100ms,200ms"})
@RealInfrastructure
class UnreachableSmtpIntegrationTest {

    @DynamicPropertySource
    static void unreachableSmtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", EmailAndSmsDeliveryIntegrationTest::freePort);
    }

    @Autowired
    private KafkaTemplate<String, String> kafka;

    @Autowired
    private JsonMapper json;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private MeterRegistry meters;

    @Test
    void shouldRetryThenMarkDeadAndParkTheRequestOnTheDeadLetterTopic() throws Exception {
        NotificationRequests requests = new NotificationRequests(kafka, json, jdbc);
        EventEnvelope request = requests.envelope("chat", NotificationRequested.EMAIL, "nobody@example.test",
                NotificationRequested.VERIFICATION_CODE, "en", Map.of("code", "909090"), "Chat");

        requests.publish(request);

        await().atMost(NotificationRequests.TIMEOUT).untilAsserted(() -> {
            // Until the listener has stored the request there is no row: not yet, rather than a failure.
            NotificationRequests.Row row = requests.row(request.eventId()).orElseThrow(() -> new AssertionError("not received yet"));
            assertThat(row.status()).isEqualTo("dead");
            assertThat(row.attempts()).isEqualTo(3);
            assertThat(row.lastError()).startsWith("SMTP").doesNotContain("909090");
        });
        List<ConsumerRecord<String, String>> parked = TestKafka.readFromStart(Topics.NOTIFICATION_REQUESTS_DEAD_LETTER,
                record -> record.value().contains(request.eventId().toString()), 1, NotificationRequests.TIMEOUT);
        assertThat(parked).hasSize(1);
        EventEnvelope deadLetter = json.readValue(parked.getFirst().value(), EventEnvelope.class);
        assertThat(deadLetter.eventId()).isEqualTo(request.eventId());
        assertThat(deadLetter.payload().get("destination").asString()).isEqualTo("nobody@example.test");
        assertThat(meters.get("notification.deliveries").tags("channel", "email", "outcome", "retrying").counter().count())
                .isGreaterThanOrEqualTo(2);
        assertThat(meters.get("notification.deliveries").tags("channel", "email", "outcome", "dead").counter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(meters.get("notification.dead.letters").tag("reason", "attempts_exhausted").counter().count())
                .isGreaterThanOrEqualTo(1);
    }
}
