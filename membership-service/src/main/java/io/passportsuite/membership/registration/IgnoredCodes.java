package io.passportsuite.membership.registration;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.passportsuite.membership.invite.InviteCode;

/** Codes given at registration that redeemed nothing, with why: for operators, never for the user. */
@Component
class IgnoredCodes {

    private final JdbcClient jdbc;

    IgnoredCodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void forgetUser(String appId, UUID userId) {
        jdbc.sql("DELETE FROM ignored_invite_code WHERE app_id = :app AND user_id = :user")
                .param("app", appId).param("user", userId).update();
    }

    void record(UUID eventId, String appId, UUID userId, String code, String reason) {
        jdbc.sql("""
                INSERT INTO ignored_invite_code (event_id, app_id, user_id, code_digest, reason)
                VALUES (:eventId, :app, :user, :digest, :reason) ON CONFLICT DO NOTHING
                """)
                .param("eventId", eventId).param("app", appId).param("user", userId)
                .param("digest", InviteCode.digestOfAnything(code)).param("reason", reason)
                .update();
    }
}
