package io.passportsuite.asset.file;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code asset_file} table. */
@Repository
class AssetFiles {

    private final JdbcClient jdbc;

    AssetFiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Holds the app's uploads and deletions one after another until the transaction ends: the
     * quota is checked against a sum no other upload is changing, and an object is never deleted
     * while another upload of the same content is recording it.
     */
    void lockApp(String appId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('asset-app:' || :appId, 0))").param("appId", appId)
                .query((rs, row) -> 1).single();
    }

    /** The bytes the app's stored objects take: each distinct content once. */
    long storedBytes(String appId) {
        return jdbc.sql("""
                SELECT COALESCE(SUM(size_bytes), 0) FROM (
                    SELECT DISTINCT ON (sha256) size_bytes FROM asset_file WHERE app_id = :appId
                ) AS objects
                """).param("appId", appId).query(Long.class).single();
    }

    boolean holdsContent(String appId, String sha256) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM asset_file WHERE app_id = :appId AND sha256 = :sha256)")
                .param("appId", appId).param("sha256", sha256).query(Boolean.class).single();
    }

    AssetFile insert(AssetFile file) {
        return jdbc.sql("""
                INSERT INTO asset_file (file_id, app_id, content_type, size_bytes, width, height, sha256, storage_key)
                VALUES (:fileId, :appId, :contentType, :size, :width, :height, :sha256, :key)
                RETURNING *
                """)
                .param("fileId", file.fileId()).param("appId", file.appId()).param("contentType", file.contentType())
                .param("size", file.size()).param("width", file.width()).param("height", file.height())
                .param("sha256", file.sha256()).param("key", file.storageKey())
                .query(AssetFiles::map).single();
    }

    Optional<AssetFile> find(UUID fileId) {
        return jdbc.sql("SELECT * FROM asset_file WHERE file_id = :fileId").param("fileId", fileId).query(AssetFiles::map).optional();
    }

    Optional<AssetFile> findInApp(String appId, UUID fileId) {
        return jdbc.sql("SELECT * FROM asset_file WHERE file_id = :fileId AND app_id = :appId")
                .param("fileId", fileId).param("appId", appId).query(AssetFiles::map).optional();
    }

    void delete(UUID fileId) {
        jdbc.sql("DELETE FROM asset_file WHERE file_id = :fileId").param("fileId", fileId).update();
    }

    private static AssetFile map(ResultSet rs, int row) throws SQLException {
        return new AssetFile(rs.getObject("file_id", UUID.class), rs.getString("app_id"), rs.getString("content_type"),
                rs.getLong("size_bytes"), rs.getInt("width"), rs.getInt("height"), rs.getString("sha256"),
                rs.getString("storage_key"), rs.getTimestamp("created_at").toInstant());
    }
}
