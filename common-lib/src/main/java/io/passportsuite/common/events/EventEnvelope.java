package io.passportsuite.common.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * What every event on the suite's topics looks like. Consumers dedupe on {@code eventId};
 * {@code type} plus {@code version} name the payload's schema, so a payload can evolve without
 * breaking readers of the older version.
 *
 * @param eventId unique per event, stable across redeliveries
 * @param type event type, e.g. {@code user.registered}
 * @param version schema version of the payload for that type
 * @param occurredAt when the state change happened (not when it was relayed)
 * @param appId the tenant app the subject belongs to
 * @param subject what the event is about, usually a user id; also the Kafka record key
 * @param payload the type-specific body
 */
public record EventEnvelope(
        UUID eventId,
        String type,
        int version,
        Instant occurredAt,
        String appId,
        String subject,
        JsonNode payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        requireText(type, "type");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1");
        }
        Objects.requireNonNull(occurredAt, "occurredAt");
        requireText(appId, "appId");
        requireText(subject, "subject");
        Objects.requireNonNull(payload, "payload");
    }

    public static EventEnvelope newEvent(String type, int version, String appId, String subject, JsonNode payload) {
        return new EventEnvelope(UUID.randomUUID(), type, version, Instant.now(), appId, subject, payload);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
