package io.passportsuite.passport.session;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Refresh tokens ({@code refresh_token}), kept as hashes: each one of a session's family names its
 * successor once rotated, so a rotated token presented again is recognised.
 */
@Repository
class RefreshTokenRepository {

    private final JdbcClient jdbc;

    RefreshTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String hash, UUID sessionId, Instant now) {
        jdbc.sql("INSERT INTO refresh_token (token_hash, session_id, issued_at) VALUES (:hash, :sessionId, :now)")
                .param("hash", hash).param("sessionId", sessionId).param("now", at(now)).update();
    }

    /**
     * The token row, locked for the rest of the transaction, with its session and user state and the
     * user's capabilities in the app (the membership projection's row, not locked): the access token
     * issued after the rotation carries them, and reading them here saves a refresh its own round trip.
     */
    Optional<RefreshTokenState> lock(String hash) {
        return jdbc.sql("""
                SELECT t.token_hash, t.session_id, t.rotated_at, t.successor_hash,
                       s.app_id, s.user_id, s.expires_at, s.revoked_at, u.status, u.role, c.capabilities
                FROM refresh_token t
                JOIN auth_session s ON s.id = t.session_id
                JOIN app_user u ON u.id = s.user_id
                LEFT JOIN user_capabilities c ON c.app_id = s.app_id AND c.user_id = s.user_id
                WHERE t.token_hash = :hash
                FOR UPDATE OF t, s
                """)
                .param("hash", hash)
                .query((rs, n) -> new RefreshTokenState(
                        rs.getObject("session_id", UUID.class),
                        rs.getString("app_id"),
                        rs.getObject("user_id", UUID.class),
                        rs.getInt("role"),
                        instant(rs.getObject("rotated_at", OffsetDateTime.class)),
                        rs.getString("successor_hash"),
                        instant(rs.getObject("expires_at", OffsetDateTime.class)),
                        instant(rs.getObject("revoked_at", OffsetDateTime.class)),
                        "active".equals(rs.getString("status")),
                        capabilities(rs.getArray("capabilities"))))
                .optional();
    }

    boolean successorUnused(String successorHash) {
        return jdbc.sql("SELECT rotated_at IS NULL FROM refresh_token WHERE token_hash = :hash")
                .param("hash", successorHash).query(Boolean.class).optional().orElse(false);
    }

    /**
     * Rotates {@code hash} to {@code successorHash} in one statement: the successor stored, the token
     * marked rotated and naming it, the session's last use and expiry moved. One round trip instead
     * of three on the suite's most frequent write; the caller holds both rows' locks ({@link #lock}).
     */
    void rotate(String hash, String successorHash, UUID sessionId, Instant now, Instant sessionExpiresAt) {
        jdbc.sql("""
                WITH successor AS (
                    INSERT INTO refresh_token (token_hash, session_id, issued_at) VALUES (:successor, :sessionId, :now)
                ), rotated AS (
                    UPDATE refresh_token SET rotated_at = :now, successor_hash = :successor WHERE token_hash = :hash
                )
                UPDATE auth_session SET last_used_at = :now, expires_at = :expiresAt WHERE id = :sessionId
                """)
                .param("successor", successorHash).param("sessionId", sessionId).param("now", at(now))
                .param("hash", hash).param("expiresAt", at(sessionExpiresAt))
                .update();
    }


    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static List<String> capabilities(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    record RefreshTokenState(UUID sessionId, String appId, UUID userId, int role, Instant rotatedAt, String successorHash,
            Instant sessionExpiresAt, Instant sessionRevokedAt, boolean userActive, List<String> capabilities) {
    }
}
