package io.passportsuite.asset.housekeeping;

import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code asset_avatar_reference} table. */
@Repository
class AvatarReferences {

    private final JdbcClient jdbc;

    AvatarReferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<AvatarReference> find(String appId, UUID userId) {
        return jdbc.sql("SELECT * FROM asset_avatar_reference WHERE app_id = :appId AND user_id = :userId")
                .param("appId", appId).param("userId", userId)
                .query((rs, row) -> new AvatarReference(rs.getString("app_id"), rs.getObject("user_id", UUID.class),
                        rs.getObject("file_id", UUID.class), rs.getTimestamp("changed_at").toInstant(), rs.getBoolean("user_deleted"),
                        rs.getBoolean("set_by_app")))
                .optional();
    }

    void save(AvatarReference reference) {
        jdbc.sql("""
                INSERT INTO asset_avatar_reference (app_id, user_id, file_id, changed_at, user_deleted, set_by_app)
                VALUES (:appId, :userId, :fileId, :changedAt, :deleted, :setByApp)
                ON CONFLICT (app_id, user_id) DO UPDATE
                SET file_id = EXCLUDED.file_id, changed_at = EXCLUDED.changed_at, user_deleted = EXCLUDED.user_deleted,
                    set_by_app = EXCLUDED.set_by_app
                """)
                .param("appId", reference.appId()).param("userId", reference.userId()).param("fileId", reference.fileId())
                .param("changedAt", reference.changedAt().atOffset(ZoneOffset.UTC)).param("deleted", reference.userDeleted()).param("setByApp", reference.setByApp())
                .update();
    }

    /** Whether any user has this file as avatar. A file id is one app's only, so no app is named. */
    boolean isReferenced(UUID fileId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM asset_avatar_reference WHERE file_id = :fileId)")
                .param("fileId", fileId).query(Boolean.class).single();
    }
}
