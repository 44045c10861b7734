package io.passportsuite.admin.activity;

import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.passportsuite.common.events.EventEnvelope;
import io.passportsuite.common.events.user.UserDeleted;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns one user event, as passport's outbox relay writes it, into an activity row. Every event
 * type is kept, ones this service does not know under their own name; the detail copies only the
 * payload fields listed in {@link #DETAIL}, so what an event may carry besides (an email, a phone,
 * an invitation code) never lands here. A {@code user.deleted} erases the user's entries instead: the
 * account is gone, and so is what it did (the audit trail of what administrators did stays).
 */
@Component
class RecordingActivity {

    sealed interface Outcome {
        record Recorded(UUID eventId, String type) implements Outcome {
        }

        record AlreadyRecorded(UUID eventId) implements Outcome {
        }

        record Unreadable(String why) implements Outcome {
        }

        /** The user was deleted: their entries are gone; a redelivery finds none and erases nothing. */
        record Erased(UUID userId, int entries) implements Outcome {
        }
    }

    private static final Logger log = LoggerFactory.getLogger(RecordingActivity.class);

    private static final String TYPE_PREFIX = "user.";
    private static final int MAX_TYPE = 100;
    private static final int MAX_USER_AGENT = 200;
    private static final int MAX_DETAIL_TEXT = 100;

    /** Payload field to detail field: what an administrator needs to read a user's history. */
    private static final Map<String, String> DETAIL = Map.of(
            "clientIp", "client_ip",
            "method", "login_method",
            "userAgent", "user_agent",
            "reason", "reason",
            "registeredVia", "registered_via",
            "sessionId", "session_id");

    private final JsonMapper json;
    private final UserActivity activity;
    private final Counter skipped;

    RecordingActivity(JsonMapper json, UserActivity activity, ObjectProvider<MeterRegistry> registry) {
        this.json = json;
        this.activity = activity;
        this.skipped = Counter.builder("admin.activity.skipped")
                .description("User events skipped because they could not be read")
                .register(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    Outcome record(String value) {
        EventEnvelope event;
        UUID userId;
        try {
            event = json.readValue(value, EventEnvelope.class);
            userId = UUID.fromString(event.subject());
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            // Retrying cannot fix an unreadable record, and throwing would block the partition.
            skipped.increment();
            log.warn("Skipping an unreadable user event: {}", e.getMessage());
            return new Outcome.Unreadable(String.valueOf(e.getMessage()));
        }
        if (UserDeleted.TYPE.equals(event.type())) {
            // Earlier events of the user came before this one (same key, same partition): none is left behind.
            int erased = activity.deleteOfUser(event.appId(), userId);
            log.info("User {} of app {} was deleted: {} activity entries erased", userId, event.appId(), erased);
            return new Outcome.Erased(userId, erased);
        }
        String type = typeOf(event.type());
        boolean first;
        try {
            // Microseconds, as PostgreSQL keeps them: the paging cursor then names a row exactly.
            first = activity.insert(event.eventId(), event.appId(), userId, type,
                    event.occurredAt().truncatedTo(ChronoUnit.MICROS), detailOf(event.payload()));
        } catch (DataIntegrityViolationException refused) {
            // Text PostgreSQL cannot store (a NUL in the app id or the type): as
            // unreadable as bad JSON, and retrying it would hold up the partition forever.
            skipped.increment();
            log.warn("Skipping user event {}: the database refused it: {}", event.eventId(), refused.getMostSpecificCause().getMessage());
            return new Outcome.Unreadable(refused.getMostSpecificCause().getMessage());
        }
        if (!first) {
            log.info("User event {} was already recorded", event.eventId());
            return new Outcome.AlreadyRecorded(event.eventId());
        }
        return new Outcome.Recorded(event.eventId(), type);
    }

    /** {@code user.logged-in} reads {@code logged_in}; a type from elsewhere keeps its whole name. */
    static String typeOf(String eventType) {
        String name = eventType.startsWith(TYPE_PREFIX) ? eventType.substring(TYPE_PREFIX.length()) : eventType;
        return truncated(name.replace('-', '_'), MAX_TYPE);
    }

    private ObjectNode detailOf(JsonNode payload) {
        ObjectNode detail = json.createObjectNode();
        if (payload == null || !payload.isObject()) {
            return detail;
        }
        DETAIL.forEach((field, name) -> {
            JsonNode value = payload.get(field);
            if (value != null && value.isString() && !value.asString().isBlank()) {
                int max = "user_agent".equals(name) ? MAX_USER_AGENT : MAX_DETAIL_TEXT;
                detail.put(name, truncated(value.asString().replace("\u0000", ""), max));
            }
        });
        return detail;
    }

    /** At most {@code max} characters, never half of a surrogate pair. */
    private static String truncated(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
