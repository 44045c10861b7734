package io.passportsuite.passport.session;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Sessions ({@code auth_session}): one per login, revoked at logout, on reuse of a refresh token or by an administrator. */
@Repository
class SessionRepository {

    private final JdbcClient jdbc;

    SessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The user's status, their row locked against deletion and changes until the transaction ends;
     * empty when the user is gone. Shared: logins of one user do not wait for each other.
     */
    Optional<String> lockUserStatus(String appId, UUID userId) {
        return jdbc.sql("SELECT status FROM app_user WHERE id = :id AND app_id = :appId FOR SHARE")
                .param("id", userId).param("appId", appId).query(String.class).optional();
    }

    void insertSession(UUID id, String appId, UUID userId, String method, Instant now, Instant expiresAt, String userAgent, String ip) {
        jdbc.sql("""
                INSERT INTO auth_session (id, app_id, user_id, login_method, created_at, last_used_at, expires_at, user_agent, client_ip)
                VALUES (:id, :appId, :userId, :method, :now, :now, :expiresAt, :agent, :ip)
                """)
                .param("id", id).param("appId", appId).param("userId", userId).param("method", method)
                .param("now", at(now)).param("expiresAt", at(expiresAt)).param("agent", userAgent).param("ip", ip)
                .update();
    }


    /** Revokes the session if it is live; returns its owner when it was. */
    Optional<LiveSession> revoke(UUID sessionId, String reason, Instant now) {
        return jdbc.sql("""
                UPDATE auth_session SET revoked_at = :now, revoke_reason = :reason
                WHERE id = :id AND revoked_at IS NULL
                RETURNING id, app_id, user_id
                """)
                .param("now", at(now)).param("reason", reason).param("id", sessionId)
                .query((rs, n) -> new LiveSession(rs.getObject("id", UUID.class), rs.getString("app_id"), rs.getObject("user_id", UUID.class)))
                .optional();
    }

    /** Revokes the session if it is live and the user's; returns it when it was. */
    Optional<LiveSession> revokeOfUser(UUID sessionId, UUID userId, String reason, Instant now) {
        return jdbc.sql("""
                UPDATE auth_session SET revoked_at = :now, revoke_reason = :reason
                WHERE id = :id AND user_id = :userId AND revoked_at IS NULL
                RETURNING id, app_id, user_id
                """)
                .param("now", at(now)).param("reason", reason).param("id", sessionId).param("userId", userId)
                .query((rs, n) -> new LiveSession(rs.getObject("id", UUID.class), rs.getString("app_id"), rs.getObject("user_id", UUID.class)))
                .optional();
    }

    boolean belongsTo(UUID sessionId, UUID userId) {
        return jdbc.sql("SELECT count(*) FROM auth_session WHERE id = :id AND user_id = :userId")
                .param("id", sessionId).param("userId", userId).query(Long.class).single() == 1;
    }

    /** The user's live sessions, most recently used first. */
    List<SessionSummary> liveOfUser(UUID userId, Instant now, int max) {
        return jdbc.sql("""
                SELECT id, login_method, created_at, last_used_at, expires_at, client_ip, user_agent FROM auth_session
                WHERE user_id = :userId AND revoked_at IS NULL AND expires_at > :now
                ORDER BY last_used_at DESC, id LIMIT :max
                """)
                .param("userId", userId).param("now", at(now)).param("max", max)
                .query((rs, n) -> new SessionSummary(rs.getObject("id", UUID.class), rs.getString("login_method"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("last_used_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
                        rs.getString("client_ip"), rs.getString("user_agent")))
                .list();
    }

    long countLiveOfUser(UUID userId, Instant now) {
        return jdbc.sql("SELECT count(*) FROM auth_session WHERE user_id = :userId AND revoked_at IS NULL AND expires_at > :now")
                .param("userId", userId).param("now", at(now)).query(Long.class).single();
    }

    List<LiveSession> revokeAllOfUser(UUID userId, UUID keep, String reason, Instant now) {
        return jdbc.sql("""
                UPDATE auth_session SET revoked_at = :now, revoke_reason = :reason
                WHERE user_id = :userId AND revoked_at IS NULL AND id <> :keep
                RETURNING id, app_id, user_id
                """)
                .param("now", at(now)).param("reason", reason).param("userId", userId)
                .param("keep", keep == null ? new UUID(0, 0) : keep)
                .query((rs, n) -> new LiveSession(rs.getObject("id", UUID.class), rs.getString("app_id"), rs.getObject("user_id", UUID.class)))
                .list();
    }

    /** Deletes every session of the user with its refresh tokens; the number of sessions deleted. */
    int deleteAllOfUser(UUID userId) {
        jdbc.sql("DELETE FROM refresh_token WHERE session_id IN (SELECT id FROM auth_session WHERE user_id = :userId)")
                .param("userId", userId).update();
        return jdbc.sql("DELETE FROM auth_session WHERE user_id = :userId").param("userId", userId).update();
    }

    /** Whether the session is live and its user active: what every use of an access token must hold. */
    boolean sessionUsable(UUID sessionId, UUID userId, Instant now) {
        return jdbc.sql("""
                SELECT count(*) FROM auth_session s JOIN app_user u ON u.id = s.user_id
                WHERE s.id = :id AND s.user_id = :userId AND s.revoked_at IS NULL AND s.expires_at > :now AND u.status = 'active'
                """)
                .param("id", sessionId).param("userId", userId).param("now", at(now))
                .query(Long.class).single() == 1;
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    record LiveSession(UUID id, String appId, UUID userId) {
    }
}
