package io.passportsuite.common.eventing;

import java.time.Duration;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Deletes outbox rows Kafka acknowledged and processed-event marks, once past their retention. */
public class EventingRetention {

    private final JdbcClient jdbc;

    public EventingRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Dead rows stay: they wait for an operator. */
    public int deleteSentEvents(Duration olderThan, int limit) {
        return jdbc.sql("""
                DELETE FROM outbox_event WHERE id IN (
                    SELECT id FROM outbox_event
                    WHERE sent_at IS NOT NULL AND sent_at < now() - make_interval(secs => :ageSeconds)
                    LIMIT :limit)
                """)
                .param("ageSeconds", olderThan.toMillis() / 1000.0)
                .param("limit", limit)
                .update();
    }

    public int deleteProcessedEvents(Duration olderThan, int limit) {
        return jdbc.sql("""
                DELETE FROM processed_event WHERE (consumer, event_id) IN (
                    SELECT consumer, event_id FROM processed_event
                    WHERE processed_at < now() - make_interval(secs => :ageSeconds)
                    LIMIT :limit)
                """)
                .param("ageSeconds", olderThan.toMillis() / 1000.0)
                .param("limit", limit)
                .update();
    }
}
