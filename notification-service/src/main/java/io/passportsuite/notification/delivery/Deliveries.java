package io.passportsuite.notification.delivery;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.passportsuite.common.eventing.OutboxTracing;
import io.passportsuite.common.events.EventEnvelope;
import tools.jackson.databind.json.JsonMapper;

/** The {@code delivery} table: one row per requested message and what became of it. */
@Repository
class Deliveries {

    private static final int MAX_ERROR_LENGTH = 1000;
    private static final String SCRUBBED_REQUEST = "jsonb_set(request, '{payload,variables}', '{}'::jsonb)";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Deliveries(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A new pending delivery, due at once; empty when the event already has one. */
    Optional<UUID> insert(EventEnvelope request, String channel, String destination, String template,
            OutboxTracing.Context trace) {
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql("""
                INSERT INTO delivery (id, event_id, app_id, channel, destination, template, status, attempts, request, next_attempt_at,
                                      trace_parent, trace_state)
                VALUES (:id, :eventId, :appId, :channel, :destination, :template, 'pending', 0, CAST(:request AS jsonb), now(),
                        :traceParent, :traceState)
                ON CONFLICT (event_id) DO NOTHING
                """)
                .param("id", id)
                .param("eventId", request.eventId())
                .param("appId", request.appId())
                .param("channel", channel)
                .param("destination", destination)
                .param("template", template)
                .param("request", json.writeValueAsString(request))
                .param("traceParent", trace.traceParent())
                .param("traceState", trace.traceState())
                .update();
        return inserted == 1 ? Optional.of(id) : Optional.empty();
    }

    /**
     * Claims the delivery whose attempt is most overdue by pushing its due time {@code lease} ahead: other
     * workers skip it meanwhile, and if this process dies it comes due again.
     */
    Optional<Delivery> claimNextDue(Duration lease) {
        return jdbc.sql("""
                UPDATE delivery SET next_attempt_at = now() + make_interval(secs => :leaseSeconds), updated_at = now()
                WHERE id IN (SELECT id FROM delivery
                             WHERE status IN ('pending', 'failed') AND next_attempt_at <= now()
                             ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING id, event_id, app_id, channel, destination, template, attempts, request::text AS request,
                          trace_parent, trace_state
                """)
                .param("leaseSeconds", lease.toMillis() / 1000.0)
                .query((rs, row) -> new Delivery(rs.getObject("id", UUID.class), rs.getObject("event_id", UUID.class),
                        rs.getString("app_id"), rs.getString("channel"), rs.getString("destination"), rs.getString("template"),
                        rs.getInt("attempts"), json.readValue(rs.getString("request"), EventEnvelope.class),
                        new OutboxTracing.Context(rs.getString("trace_parent"), rs.getString("trace_state"))))
                .optional();
    }

    /** The request's variables (the code among them) are dropped: a sent message is never needed again. */
    void markSent(UUID id, int attempts) {
        jdbc.sql("""
                UPDATE delivery SET status = 'sent', attempts = :attempts, last_error = NULL, next_attempt_at = NULL,
                                    sent_at = now(), updated_at = now(), request = %s
                WHERE id = :id
                """.formatted(SCRUBBED_REQUEST)).param("id", id).param("attempts", attempts).update();
    }

    void markFailed(UUID id, int attempts, String error, Duration retryAfter) {
        jdbc.sql("""
                UPDATE delivery SET status = 'failed', attempts = :attempts, last_error = :error,
                                    next_attempt_at = now() + make_interval(secs => :retrySeconds), updated_at = now()
                WHERE id = :id
                """)
                .param("id", id).param("attempts", attempts).param("error", truncate(error))
                .param("retrySeconds", retryAfter.toMillis() / 1000.0)
                .update();
    }

    /** Scrubbed like a sent one: the whole request goes to the dead-letter topic in the same transaction. */
    void markDead(UUID id, int attempts, String error) {
        jdbc.sql("""
                UPDATE delivery SET status = 'dead', attempts = :attempts, last_error = :error, next_attempt_at = NULL,
                                    updated_at = now(), request = %s
                WHERE id = :id
                """.formatted(SCRUBBED_REQUEST)).param("id", id).param("attempts", attempts).param("error", truncate(error)).update();
    }

    /** Deletes at most {@code limit} sent or dead deliveries finished longer than {@code olderThan} ago. */
    int deleteFinished(Duration olderThan, int limit) {
        return jdbc.sql("""
                DELETE FROM delivery WHERE id IN (
                    SELECT id FROM delivery
                    WHERE status IN ('sent', 'dead') AND updated_at < now() - make_interval(secs => :ageSeconds)
                    LIMIT :limit)
                """)
                .param("ageSeconds", olderThan.toMillis() / 1000.0)
                .param("limit", limit)
                .update();
    }

    private static String truncate(String error) {
        return error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }
}
