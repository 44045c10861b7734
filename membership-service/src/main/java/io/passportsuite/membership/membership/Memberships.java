package io.passportsuite.membership.membership;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
        holdTiers();
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", "membership:" + appId + ":" + userId).query((rs, n) -> 1).single();
        return jdbc.sql("SELECT * FROM membership WHERE app_id = :app AND user_id = :user FOR UPDATE")
                .param("app", appId).param("user", userId)
                .query(Memberships::membership).optional();
    }

    /**
     * Every writer of memberships holds the tiers (shared) until its transaction ends, and a change of
     * tiers takes them exclusively before it selects the members to publish: a membership written while
     * a tier changes is then either seen by that change or written with the changed tier, never missed.
     */
    private void holdTiers() {
        jdbc.sql("SELECT pg_advisory_xact_lock_shared(hashtextextended('tiers', 0))").query((rs, n) -> 1).single();
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

    /** Counts a change that left the row as it is (a grant, a revocation): the next revision; empty without a membership. */
    Optional<Membership> nextRevision(String appId, UUID userId) {
        return jdbc.sql("""
                UPDATE membership SET revision = revision + 1, updated_at = now()
                WHERE app_id = :app AND user_id = :user RETURNING *
                """)
                .param("app", appId).param("user", userId)
                .query(Memberships::membership).optional();
    }

    /**
     * Marks up to {@code limit} active memberships that ended by {@code now} as expired, with their
     * next revision; rows another transaction holds are skipped (a user's change or another
     * replica's batch), and taken on a later round.
     */
    List<Membership> expireEndedBy(Instant now, int limit) {
        holdTiers();
        return jdbc.sql("""
                UPDATE membership m SET status = 'expired', revision = m.revision + 1, updated_at = now()
                FROM (SELECT app_id, user_id FROM membership
                      WHERE status = 'active' AND ends_at <= :now
                      ORDER BY ends_at LIMIT :limit FOR UPDATE SKIP LOCKED) due
                WHERE m.app_id = due.app_id AND m.user_id = due.user_id
                RETURNING m.*
                """)
                .param("now", Timestamp.from(now)).param("limit", limit)
                .query(Memberships::membership).list();
    }

    /** The memberships of these apps, locked until the transaction ends, in one order so that two bulk changes cannot deadlock. */
    List<Membership> lockAllOf(Collection<String> appIds) {
        return jdbc.sql("SELECT * FROM membership WHERE app_id = ANY(:apps) ORDER BY app_id, user_id FOR UPDATE")
                .param("apps", appIds.toArray(String[]::new))
                .query(Memberships::membership).list();
    }

    /** As {@link #lockAllOf}, only those who hold {@code tier}. */
    List<Membership> lockHoldersOf(Collection<String> appIds, String tier) {
        return jdbc.sql("SELECT * FROM membership WHERE app_id = ANY(:apps) AND tier = :tier ORDER BY app_id, user_id FOR UPDATE")
                .param("apps", appIds.toArray(String[]::new)).param("tier", tier)
                .query(Memberships::membership).list();
    }

    /** The next revision of each of these users of one app; returns the rows as stored. */
    List<Membership> nextRevisions(String appId, Collection<UUID> userIds) {
        return jdbc.sql("""
                UPDATE membership SET revision = revision + 1, updated_at = now()
                WHERE app_id = :app AND user_id = ANY(:users) RETURNING *
                """)
                .param("app", appId).param("users", userIds.toArray(UUID[]::new))
                .query(Memberships::membership).list();
    }

    /** The apps that have memberships but no tiers of their own: they use the template app's. */
    List<String> appsWithoutOwnTiers() {
        return jdbc.sql("SELECT DISTINCT app_id FROM membership WHERE app_id NOT IN (SELECT app_id FROM tier)")
                .query(String.class).list();
    }

    /** Grants and revocations of many users of one app at once; a user without any is absent. */
    Map<UUID, CapabilityOverrides> overrides(String appId, Collection<UUID> userIds) {
        Map<UUID, Set<String>> granted = new HashMap<>();
        Map<UUID, Set<String>> revoked = new HashMap<>();
        jdbc.sql("SELECT user_id, capability, kind FROM capability_override WHERE app_id = :app AND user_id = ANY(:users)")
                .param("app", appId).param("users", userIds.toArray(UUID[]::new))
                .query(rs -> {
                    UUID user = rs.getObject("user_id", UUID.class);
                    ("grant".equals(rs.getString("kind")) ? granted : revoked).computeIfAbsent(user, u -> new HashSet<>())
                            .add(rs.getString("capability"));
                });
        Map<UUID, CapabilityOverrides> overrides = new HashMap<>();
        for (UUID user : userIds) {
            if (granted.containsKey(user) || revoked.containsKey(user)) {
                overrides.put(user, new CapabilityOverrides(granted.getOrDefault(user, Set.of()), revoked.getOrDefault(user, Set.of())));
            }
        }
        return overrides;
    }

    /** Deletes the user's membership and capability overrides in the app; false when there was neither. */
    boolean delete(String appId, UUID userId) {
        int overrides = jdbc.sql("DELETE FROM capability_override WHERE app_id = :app AND user_id = :user")
                .param("app", appId).param("user", userId).update();
        int memberships = jdbc.sql("DELETE FROM membership WHERE app_id = :app AND user_id = :user")
                .param("app", appId).param("user", userId).update();
        return overrides + memberships > 0;
    }

    /** Gives or takes one capability of the user; false when it already was so. */
    boolean override(String appId, UUID userId, String capability, String kind) {
        return jdbc.sql("""
                INSERT INTO capability_override (app_id, user_id, capability, kind) VALUES (:app, :user, :capability, :kind)
                ON CONFLICT (app_id, user_id, capability) DO UPDATE SET kind = excluded.kind, created_at = now()
                    WHERE capability_override.kind <> excluded.kind
                """)
                .param("app", appId).param("user", userId).param("capability", capability).param("kind", kind)
                .update() > 0;
    }

    /** Removes a grant or a revocation of the user; false when there was none of that kind. */
    boolean removeOverride(String appId, UUID userId, String capability, String kind) {
        return jdbc.sql("DELETE FROM capability_override WHERE app_id = :app AND user_id = :user AND capability = :capability AND kind = :kind")
                .param("app", appId).param("user", userId).param("capability", capability).param("kind", kind)
                .update() > 0;
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
