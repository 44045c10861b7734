package io.passportsuite.passport.app;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ApiKeyRepository {

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The app of an active key with this digest. */
    Optional<App> findActiveApp(String keyHash) {
        return jdbc.sql("SELECT app.* FROM api_key JOIN app ON app.app_id = api_key.app_id"
                        + " WHERE api_key.key_hash = :hash AND api_key.revoked_at IS NULL")
                .param("hash", keyHash)
                .query(AppRepository::map)
                .optional();
    }

    boolean insertIfAbsent(UUID id, String appId, String apiKey, String label) {
        return jdbc.sql("""
                INSERT INTO api_key (id, app_id, prefix, key_hash, label)
                VALUES (:id, :appId, :prefix, :hash, :label)
                ON CONFLICT (key_hash) DO NOTHING
                """)
                .param("id", id)
                .param("appId", appId)
                .param("prefix", ApiKeys.visiblePrefix(apiKey))
                .param("hash", ApiKeys.hash(apiKey))
                .param("label", label)
                .update() == 1;
    }

    List<ApiKeyInfo> list(String appId) {
        return jdbc.sql("SELECT id, app_id, prefix, label, created_at, revoked_at FROM api_key WHERE app_id = :appId ORDER BY created_at")
                .param("appId", appId)
                .query((rs, n) -> new ApiKeyInfo(rs.getObject("id", UUID.class), rs.getString("app_id"),
                        rs.getString("prefix"), rs.getString("label"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getObject("revoked_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant).orElse(null)))
                .list();
    }

    boolean revoke(String appId, UUID keyId) {
        return jdbc.sql("UPDATE api_key SET revoked_at = now() WHERE id = :id AND app_id = :appId AND revoked_at IS NULL")
                .param("id", keyId)
                .param("appId", appId)
                .update() == 1;
    }
}
