package io.passportsuite.common.eventing;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Makes a Kafka consumer idempotent: call {@link #firstTime} in the transaction that applies the
 * event; a redelivered event returns {@code false} and must be skipped. Because the mark and the
 * effect commit together, a crash between them replays both or neither.
 */
public class ProcessedEvents {

    private final JdbcClient jdbc;

    public ProcessedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean firstTime(String consumer, UUID eventId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Mark an event processed inside the transaction that applies it");
        }
        int inserted = jdbc.sql("""
                INSERT INTO processed_event (consumer, event_id, processed_at) VALUES (:consumer, :eventId, now())
                ON CONFLICT DO NOTHING
                """)
                .param("consumer", consumer)
                .param("eventId", eventId)
                .update();
        return inserted == 1;
    }
}
