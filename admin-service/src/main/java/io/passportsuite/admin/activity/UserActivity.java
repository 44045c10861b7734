package io.passportsuite.admin.activity;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code user_activity} table. */
@Repository
class UserActivity {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    UserActivity(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** False when the event was recorded before: the unique event id makes a redelivery harmless. */
    boolean insert(UUID eventId, String appId, UUID userId, String type, Instant occurredAt, JsonNode detail) {
        return jdbc.sql("""
                INSERT INTO user_activity (event_id, app_id, user_id, type, occurred_at, detail)
                VALUES (:eventId, :appId, :userId, :type, :occurredAt, CAST(:detail AS jsonb))
                ON CONFLICT (event_id) DO NOTHING
                """)
                .param("eventId", eventId)
                .param("appId", appId)
                .param("userId", userId)
                .param("type", type)
                .param("occurredAt", Timestamp.from(occurredAt))
                .param("detail", json.writeValueAsString(detail))
                .update() == 1;
    }

    /** Up to {@code limit} entries of the user, newest first, older than {@code before} when given. */
    List<ActivityEntry> page(String appId, UUID userId, ActivityCursor before, int limit) {
        String after = before == null ? "" : "AND (occurred_at, id) < (:before, :beforeId)";
        JdbcClient.StatementSpec statement = jdbc.sql("""
                SELECT id, type, occurred_at, detail::text AS detail FROM user_activity
                WHERE app_id = :appId AND user_id = :userId %s
                ORDER BY occurred_at DESC, id DESC
                LIMIT :limit
                """.formatted(after))
                .param("appId", appId)
                .param("userId", userId)
                .param("limit", limit);
        if (before != null) {
            statement = statement.param("before", Timestamp.from(before.occurredAt())).param("beforeId", before.id());
        }
        return statement.query((row, n) -> new ActivityEntry(row.getLong("id"), row.getString("type"),
                row.getObject("occurred_at", OffsetDateTime.class).toInstant(), json.readTree(row.getString("detail"))))
                .list();
    }

    /** Deletes every entry of the user in the app; returns how many. */
    int deleteOfUser(String appId, UUID userId) {
        return jdbc.sql("DELETE FROM user_activity WHERE app_id = :appId AND user_id = :userId")
                .param("appId", appId).param("userId", userId).update();
    }

    /** Deletes at most {@code limit} entries that happened before {@code cutoff}; returns how many. */
    int deleteOlderThan(Instant cutoff, int limit) {
        return jdbc.sql("""
                DELETE FROM user_activity WHERE id IN (
                    SELECT id FROM user_activity WHERE occurred_at < :cutoff ORDER BY occurred_at LIMIT :limit)
                """)
                .param("cutoff", Timestamp.from(cutoff))
                .param("limit", limit)
                .update();
    }
}
