package io.passportsuite.asset.housekeeping;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code asset_orphaned_file} table: files that stopped being an avatar, and since when. */
@Repository
class OrphanedFiles {

    record Orphan(String appId, UUID fileId) {
    }

    private final JdbcClient jdbc;

    OrphanedFiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Marks the file orphaned since {@code at}; a file marked already keeps its first time. */
    void mark(String appId, UUID fileId, Instant at) {
        jdbc.sql("""
                INSERT INTO asset_orphaned_file (file_id, app_id, orphaned_at) VALUES (:fileId, :appId, :at)
                ON CONFLICT (file_id) DO NOTHING
                """)
                .param("fileId", fileId).param("appId", appId).param("at", at.atOffset(ZoneOffset.UTC)).update();
    }

    /** Takes the mark away: the file is an avatar again. Whether it was marked. */
    boolean clear(UUID fileId) {
        return jdbc.sql("DELETE FROM asset_orphaned_file WHERE file_id = :fileId").param("fileId", fileId).update() == 1;
    }

    /** Up to {@code limit} files orphaned before {@code cutoff}, oldest first. */
    List<Orphan> due(Instant cutoff, int limit) {
        return jdbc.sql("""
                SELECT app_id, file_id FROM asset_orphaned_file WHERE orphaned_at <= :cutoff
                ORDER BY orphaned_at LIMIT :limit
                """)
                .param("cutoff", cutoff.atOffset(ZoneOffset.UTC)).param("limit", limit)
                .query((rs, row) -> new Orphan(rs.getString("app_id"), rs.getObject("file_id", UUID.class))).list();
    }

    /**
     * Locks the file's mark when it is still there and still due; false when it went (re-referenced,
     * deleted) or another instance holds it.
     */
    boolean lockIfDue(UUID fileId, Instant cutoff) {
        return !jdbc.sql("""
                SELECT 1 FROM asset_orphaned_file WHERE file_id = :fileId AND orphaned_at <= :cutoff
                FOR UPDATE SKIP LOCKED
                """)
                .param("fileId", fileId).param("cutoff", cutoff.atOffset(ZoneOffset.UTC))
                .query(Integer.class).list().isEmpty();
    }
}
