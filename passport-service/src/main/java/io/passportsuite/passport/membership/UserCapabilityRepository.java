package io.passportsuite.passport.membership;

import java.sql.Array;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.passportsuite.common.events.membership.MembershipChanged;

/** The projection of memberships ({@code user_capabilities}): one row per user, its latest revision. */
@Repository
class UserCapabilityRepository {

    private final JdbcClient jdbc;

    UserCapabilityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the user's capabilities in the app unless a revision as high or higher is stored already; true
     * when stored. One statement, so two deliveries racing cannot let the older one win.
     */
    boolean storeIfNewer(MembershipChanged change) {
        return jdbc.sql("""
                INSERT INTO user_capabilities (user_id, app_id, capabilities, revision, updated_at)
                VALUES (:userId, :appId, :capabilities, :revision, now())
                ON CONFLICT (app_id, user_id) DO UPDATE
                    SET capabilities = EXCLUDED.capabilities,
                        revision = EXCLUDED.revision, updated_at = EXCLUDED.updated_at
                    WHERE user_capabilities.revision < EXCLUDED.revision
                """)
                .param("userId", change.userId())
                .param("appId", change.appId())
                .param("capabilities", change.capabilities().toArray(String[]::new))
                .param("revision", change.revision())
                .update() == 1;
    }

    void delete(String appId, UUID userId) {
        jdbc.sql("DELETE FROM user_capabilities WHERE user_id = :userId AND app_id = :appId")
                .param("userId", userId).param("appId", appId).update();
    }

    Optional<List<String>> find(String appId, UUID userId) {
        return jdbc.sql("SELECT capabilities FROM user_capabilities WHERE user_id = :userId AND app_id = :appId")
                .param("userId", userId)
                .param("appId", appId)
                .query((rs, row) -> {
                    Array capabilities = rs.getArray("capabilities");
                    return List.of((String[]) capabilities.getArray());
                })
                .optional();
    }
}
