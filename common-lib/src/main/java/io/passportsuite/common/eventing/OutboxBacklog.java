package io.passportsuite.common.eventing;

import java.time.Duration;
import java.time.OffsetDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;

/** How far behind the relay is: what the health indicator and the metrics report. */
public class OutboxBacklog {

    private final JdbcClient jdbc;

    public OutboxBacklog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Snapshot read() {
        return jdbc.sql("""
                SELECT count(*) FILTER (WHERE dead_at IS NULL) AS pending,
                       count(*) FILTER (WHERE dead_at IS NOT NULL) AS dead,
                       min(created_at) FILTER (WHERE dead_at IS NULL) AS oldest,
                       max(last_error) FILTER (WHERE dead_at IS NULL) AS last_error
                FROM outbox_event WHERE sent_at IS NULL
                """)
                .query((rs, n) -> {
                    OffsetDateTime oldest = rs.getObject("oldest", OffsetDateTime.class);
                    Duration age = oldest == null ? Duration.ZERO : Duration.between(oldest, OffsetDateTime.now());
                    return new Snapshot(rs.getLong("pending"), age, rs.getString("last_error"), rs.getLong("dead"));
                })
                .single();
    }

    /** {@code dead}: events set aside after the broker refused them too often, waiting for an operator. */
    public record Snapshot(long pending, Duration oldestAge, String lastError, long dead) {
    }
}
