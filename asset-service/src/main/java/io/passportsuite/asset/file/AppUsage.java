package io.passportsuite.asset.file;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What an app's files take: the bytes its quota counts (each stored content once) and how many files it has. */
@Component
public class AppUsage {

    private final JdbcClient jdbc;

    AppUsage(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Usage of(String appId) {
        return jdbc.sql("""
                SELECT COALESCE(SUM(size_bytes) FILTER (WHERE first_of_content), 0) AS stored_bytes, count(*) AS file_count FROM (
                    SELECT size_bytes, row_number() OVER (PARTITION BY sha256) = 1 AS first_of_content
                    FROM asset_file WHERE app_id = :appId
                ) AS files
                """).param("appId", appId)
                .query((rs, row) -> new Usage(rs.getLong("stored_bytes"), rs.getLong("file_count")))
                .single();
    }

    /** @param storedBytes what the quota counts: each distinct content once, however many files share it */
    public record Usage(long storedBytes, long fileCount) {
    }
}
