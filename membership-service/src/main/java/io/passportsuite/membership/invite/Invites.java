package io.passportsuite.membership.invite;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class Invites {

    private final JdbcClient jdbc;

    Invites(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Invite insert(String appId, String codeDigest, String tier, int maxUses, Instant expiresAt, UUID createdBy, String note) {
        return jdbc.sql("""
                INSERT INTO invite (id, app_id, code_digest, tier, max_uses, expires_at, created_by, note)
                VALUES (:id, :app, :digest, :tier, :maxUses, :expiresAt, :createdBy, :note)
                RETURNING *
                """)
                .param("id", UUID.randomUUID()).param("app", appId).param("digest", codeDigest).param("tier", tier)
                .param("maxUses", maxUses).param("expiresAt", Timestamp.from(expiresAt)).param("createdBy", createdBy)
                .param("note", note)
                .query(Invites::invite).single();
    }

    /** Locked until the transaction ends: redemptions of one invite apply one after the other. */
    Optional<Invite> lockByDigest(String appId, String codeDigest) {
        return jdbc.sql("SELECT * FROM invite WHERE code_digest = :digest AND app_id = :app FOR UPDATE")
                .param("digest", codeDigest).param("app", appId)
                .query(Invites::invite).optional();
    }

    /** Records the user's redemption; false when they had already redeemed this invite. */
    boolean recordRedemption(UUID inviteId, UUID userId) {
        return jdbc.sql("INSERT INTO redemption (invite_id, user_id) VALUES (:invite, :user) ON CONFLICT DO NOTHING")
                .param("invite", inviteId).param("user", userId).update() == 1;
    }

    boolean redeemedBy(UUID inviteId, UUID userId) {
        return jdbc.sql("SELECT count(*) FROM redemption WHERE invite_id = :invite AND user_id = :user")
                .param("invite", inviteId).param("user", userId).query(Integer.class).single() > 0;
    }

    /** Takes one use; false when none is left, or the invite was revoked or expired meanwhile. */
    boolean takeUse(UUID inviteId) {
        return jdbc.sql("""
                UPDATE invite SET uses = uses + 1
                WHERE id = :id AND uses < max_uses AND revoked_at IS NULL AND expires_at > now()
                """)
                .param("id", inviteId).update() == 1;
    }

    Optional<Invite> revoke(String appId, UUID id) {
        return jdbc.sql("""
                UPDATE invite SET revoked_at = COALESCE(revoked_at, now()) WHERE id = :id AND app_id = :app RETURNING *
                """)
                .param("id", id).param("app", appId)
                .query(Invites::invite).optional();
    }

    /**
     * Forgets the user in the app's invites: their redemptions go, and the invites they made are
     * revoked (nobody answers for them any more) and no longer name them. Invites stay, with their
     * counted uses: other members redeemed them. Returns the invites revoked.
     */
    int forgetUser(String appId, UUID userId) {
        jdbc.sql("DELETE FROM redemption WHERE user_id = :user AND invite_id IN (SELECT id FROM invite WHERE app_id = :app)")
                .param("app", appId).param("user", userId).update();
        return jdbc.sql("""
                UPDATE invite SET revoked_at = COALESCE(revoked_at, now()), created_by = NULL
                WHERE app_id = :app AND created_by = :user
                """)
                .param("app", appId).param("user", userId).update();
    }

    List<Invite> ofApp(String appId, int limit) {
        return jdbc.sql("SELECT * FROM invite WHERE app_id = :app ORDER BY created_at DESC, id LIMIT :limit")
                .param("app", appId).param("limit", limit)
                .query(Invites::invite).list();
    }

    List<Invite> createdBy(String appId, UUID userId, int limit) {
        return jdbc.sql("SELECT * FROM invite WHERE app_id = :app AND created_by = :user ORDER BY created_at DESC, id LIMIT :limit")
                .param("app", appId).param("user", userId).param("limit", limit)
                .query(Invites::invite).list();
    }

    /** Uses a member's invites of this calendar month (UTC) allow in all: what their quota counts. */
    int seatsThisMonth(String appId, UUID userId) {
        return jdbc.sql("""
                SELECT COALESCE(sum(max_uses), 0) FROM invite
                WHERE app_id = :app AND created_by = :user
                  AND created_at >= date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
                """)
                .param("app", appId).param("user", userId).query(Integer.class).single();
    }

    /** Serialises one member's invite creations, so two at once cannot both fit the last of a quota. */
    void lockCreator(String appId, UUID userId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", "invites:" + appId + ":" + userId).query((rs, n) -> 1).single();
    }

    private static Invite invite(ResultSet rs, int row) throws SQLException {
        return new Invite(rs.getObject("id", UUID.class), rs.getString("app_id"), rs.getString("tier"), rs.getInt("max_uses"),
                rs.getInt("uses"), instant(rs, "expires_at"), instant(rs, "revoked_at"), rs.getObject("created_by", UUID.class),
                rs.getString("note"), instant(rs, "created_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
