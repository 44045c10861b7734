package io.passportsuite.common.eventing;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.passportsuite.common.events.EventEnvelope;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records an event in the outbox table. It must run inside the transaction that makes the state
 * change, so the change and its event commit or roll back together; the relay publishes later.
 */
public class OutboxWriter {

    private final JdbcClient jdbc;
    private final JsonMapper jsonMapper;
    private final OutboxTracing tracing;

    public OutboxWriter(JdbcClient jdbc, JsonMapper jsonMapper) {
        this(jdbc, jsonMapper, OutboxTracing.NONE);
    }

    public OutboxWriter(JdbcClient jdbc, JsonMapper jsonMapper, OutboxTracing tracing) {
        this.jdbc = jdbc;
        this.jsonMapper = jsonMapper;
        this.tracing = tracing;
    }

    /** Wraps {@code payload} (an event record) in a new envelope and records it; returns the envelope. */
    public EventEnvelope append(String topic, String type, int version, String appId, String subject, Object payload) {
        EventEnvelope event = EventEnvelope.newEvent(type, version, appId, subject, jsonMapper.valueToTree(payload));
        append(topic, event);
        return event;
    }

    public void append(String topic, EventEnvelope event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("An outbox event must be written inside the transaction of its state change");
        }
        OutboxTracing.Context trace = tracing.current();
        jdbc.sql("""
                INSERT INTO outbox_event (event_id, topic, event_key, event_type, envelope, created_at, trace_parent, trace_state)
                VALUES (:eventId, :topic, :key, :type, CAST(:envelope AS jsonb), now(), :traceParent, :traceState)
                """)
                .param("eventId", event.eventId())
                .param("topic", topic)
                .param("key", event.subject())
                .param("type", event.type())
                .param("envelope", jsonMapper.writeValueAsString(event))
                .param("traceParent", trace.traceParent())
                .param("traceState", trace.traceState())
                .update();
    }
}
