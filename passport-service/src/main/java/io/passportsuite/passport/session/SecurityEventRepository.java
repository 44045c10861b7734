package io.passportsuite.passport.session;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * An account's security history ({@code security_event}): proofs of contacts, refresh token reuse.
 * Written, never changed; erased with the account.
 */
@Repository
class SecurityEventRepository {

    private final JdbcClient jdbc;

    SecurityEventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(String appId, UUID userId, UUID sessionId, String type, String detailJson) {
        jdbc.sql("""
                INSERT INTO security_event (app_id, user_id, session_id, type, detail)
                VALUES (:appId, :userId, :sessionId, :type, CAST(:detail AS jsonb))
                """)
                .param("appId", appId).param("userId", userId).param("sessionId", sessionId).param("type", type)
                .param("detail", detailJson).update();
    }

    void deleteAllOfUser(UUID userId) {
        jdbc.sql("DELETE FROM security_event WHERE user_id = :userId").param("userId", userId).update();
    }
}
