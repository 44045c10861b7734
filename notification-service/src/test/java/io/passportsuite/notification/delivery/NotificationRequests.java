package io.passportsuite.notification.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import io.passportsuite.common.events.EventEnvelope;
import io.passportsuite.common.events.Topics;
import io.passportsuite.common.events.notification.NotificationRequested;
import tools.jackson.databind.json.JsonMapper;

/** Publishes requests the way passport does, and reads back what became of them. */
final class NotificationRequests {

    static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final JdbcClient jdbc;

    NotificationRequests(KafkaTemplate<String, String> kafka, JsonMapper json, JdbcClient jdbc) {
        this.kafka = kafka;
        this.json = json;
        this.jdbc = jdbc;
    }

    record Row(String status, String channel, int attempts, String lastError) {
    }

    EventEnvelope envelope(String appId, String channel, String destination, String template, String locale,
            Map<String, String> variables, String appName) {
        NotificationRequested request = new NotificationRequested(channel, destination, template, locale, variables, appName);
        return EventEnvelope.newEvent(NotificationRequested.TYPE, NotificationRequested.VERSION, appId,
                UUID.randomUUID().toString(), json.valueToTree(request));
    }

    void publish(EventEnvelope envelope) throws Exception {
        String destination = envelope.payload().get("destination").asString();
        kafka.send(Topics.NOTIFICATION_REQUESTS, destination, json.writeValueAsString(envelope)).get(30, TimeUnit.SECONDS);
    }

    void publishRaw(String key, String value) throws Exception {
        kafka.send(Topics.NOTIFICATION_REQUESTS, key, value).get(30, TimeUnit.SECONDS);
    }

    Optional<Row> row(UUID eventId) {
        return jdbc.sql("SELECT status, channel, attempts, last_error FROM delivery WHERE event_id = :eventId")
                .param("eventId", eventId)
                .query((rs, n) -> new Row(rs.getString("status"), rs.getString("channel"), rs.getInt("attempts"),
                        rs.getString("last_error")))
                .optional();
    }

    int rowCount(UUID eventId) {
        return jdbc.sql("SELECT count(*) FROM delivery WHERE event_id = :eventId").param("eventId", eventId)
                .query(Integer.class).single();
    }
}
