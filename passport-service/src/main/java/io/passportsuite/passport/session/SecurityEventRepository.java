package io.passportsuite.passport.session;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * An account's security history ({@code security_event}): proofs of contacts, refresh token reuse.
 * Written, never changed; erased with the account.
 */
@Repository
class SecurityEventRepository {

    /** The type written when a rotated refresh token comes back; counted for operators as well. */
    static final String REFRESH_TOKEN_REUSE = "refresh_token_reuse";

    private final JdbcClient jdbc;
    private final MeterRegistry meters;

    SecurityEventRepository(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    void record(String appId, UUID userId, UUID sessionId, String type, String detailJson) {
        jdbc.sql("""
                INSERT INTO security_event (app_id, user_id, session_id, type, detail)
                VALUES (:appId, :userId, :sessionId, :type, CAST(:detail AS jsonb))
                """)
                .param("appId", appId).param("userId", userId).param("sessionId", sessionId).param("type", type)
                .param("detail", detailJson).update();
        // Every detected reuse is written here, whichever surface the refresh came through: a rise
        // means stolen refresh tokens (or a client that retries a rotation wrongly).
        if (REFRESH_TOKEN_REUSE.equals(type)) {
            meters.counter("passport.refresh.reuse", "app", appId).increment();
        }
    }

    void deleteAllOfUser(UUID userId) {
        jdbc.sql("DELETE FROM security_event WHERE user_id = :userId").param("userId", userId).update();
    }
}
