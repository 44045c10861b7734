package io.passportsuite.membership.membership;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class Memberships {

    private final JdbcClient jdbc;

    Memberships(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Membership> find(String appId, UUID userId) {
        return jdbc.sql("SELECT * FROM membership WHERE app_id = :app AND user_id = :user")
                .param("app", appId).param("user", userId)
                .query(Memberships::membership).optional();
    }

    /**
     * The membership, locked until the transaction ends so that concurrent changes of one user
     * apply one after the other; a user without one gets a lock too (on the advisory key), so two
     * first memberships cannot race either.
     */
    Optional<Membership> lock(String appId, UUID userId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", "membership:" + appId + ":" + userId).query((rs, n) -> 1).single();
        return jdbc.sql("SELECT * FROM membership WHERE app_id = :app AND user_id = :user FOR UPDATE")
                .param("app", appId).param("user", userId)
                .query(Memberships::membership).optional();
    }

    /** Writes the membership with the next revision; returns it as stored. */
    Membership save(String appId, UUID userId, String tier, String status, Instant endsAt) {
        return jdbc.sql("""
                INSERT INTO membership (app_id, user_id, tier, status, ends_at, revision)
                VALUES (:app, :user, :tier, :status, :endsAt, 1)
                ON CONFLICT (app_id, user_id) DO UPDATE
                    SET tier = excluded.tier, status = excluded.status, ends_at = excluded.ends_at,
                        revision = membership.revision + 1, updated_at = now()
                RETURNING *
                """)
                .param("app", appId).param("user", userId).param("tier", tier).param("status", status)
                .param("endsAt", endsAt == null ? null : Timestamp.from(endsAt))
                .query(Memberships::membership).single();
    }

    CapabilityOverrides overrides(String appId, UUID userId) {
        Set<String> granted = new HashSet<>();
        Set<String> revoked = new HashSet<>();
        jdbc.sql("SELECT capability, kind FROM capability_override WHERE app_id = :app AND user_id = :user")
                .param("app", appId).param("user", userId)
                .query(rs -> {
                    ("grant".equals(rs.getString("kind")) ? granted : revoked).add(rs.getString("capability"));
                });
        return new CapabilityOverrides(granted, revoked);
    }

    private static Membership membership(ResultSet rs, int row) throws SQLException {
        Timestamp endsAt = rs.getTimestamp("ends_at");
        return new Membership(rs.getString("app_id"), rs.getObject("user_id", UUID.class), rs.getString("tier"),
                rs.getString("status"), endsAt == null ? null : endsAt.toInstant(), rs.getLong("revision"));
    }
}
