package io.passportsuite.passport.account;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Outside identities (a GitHub account) linked to users: at most one per provider per user. */
@Repository
class LinkedIdentityRepository {

    static final String GITHUB = "github";

    private final JdbcClient jdbc;

    LinkedIdentityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<UUID> userOf(String provider, String appId, String subject) {
        return jdbc.sql("SELECT user_id FROM linked_identity WHERE provider = :provider AND app_id = :appId AND subject = :subject")
                .param("provider", provider).param("appId", appId).param("subject", subject)
                .query(UUID.class).optional();
    }

    boolean linkedTo(UUID userId, String provider) {
        return jdbc.sql("SELECT count(*) FROM linked_identity WHERE user_id = :userId AND provider = :provider")
                .param("userId", userId).param("provider", provider).query(Long.class).single() > 0;
    }

    /** False when the identity is linked to someone already, or the user has one of this provider. */
    boolean link(String provider, String appId, String subject, UUID userId, String login) {
        return jdbc.sql("""
                INSERT INTO linked_identity (provider, app_id, subject, user_id, login) VALUES (:provider, :appId, :subject, :userId, :login)
                ON CONFLICT DO NOTHING
                """)
                .param("provider", provider).param("appId", appId).param("subject", subject).param("userId", userId).param("login", login)
                .update() == 1;
    }

    boolean unlink(UUID userId, String provider) {
        return jdbc.sql("DELETE FROM linked_identity WHERE user_id = :userId AND provider = :provider")
                .param("userId", userId).param("provider", provider).update() > 0;
    }
}
