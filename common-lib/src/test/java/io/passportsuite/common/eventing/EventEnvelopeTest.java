package io.passportsuite.common.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.passportsuite.common.events.EventEnvelope;
import tools.jackson.databind.json.JsonMapper;

class EventEnvelopeTest {

    private final JsonMapper json = new JsonMapper();

    @Test
    void shouldRoundTripThroughJsonWithIsoTimestamps() {
        EventEnvelope event = new EventEnvelope(UUID.randomUUID(), "user.registered", 1,
                Instant.parse("2026-01-02T03:04:05Z"), "default", "user-1", json.createObjectNode().put("k", "v"));

        String text = json.writeValueAsString(event);

        assertThat(text).contains("\"occurredAt\":\"2026-01-02T03:04:05Z\"");
        assertThat(json.readValue(text, EventEnvelope.class)).isEqualTo(event);
    }

    @Test
    void shouldRejectAnEnvelopeWithoutSubjectOrVersion() {
        assertThatThrownBy(() -> EventEnvelope.newEvent("user.registered", 1, "default", " ", json.createObjectNode()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventEnvelope.newEvent("user.registered", 0, "default", "u", json.createObjectNode()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
