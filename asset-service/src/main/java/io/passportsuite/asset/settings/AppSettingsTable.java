package io.passportsuite.asset.settings;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code asset_app_settings} table: an app's own settings, a null column where it takes the default. */
@Repository
class AppSettingsTable {

    private final JdbcClient jdbc;

    AppSettingsTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    OwnSettings find(String appId) {
        return jdbc.sql("SELECT allowed_types, max_file_bytes, quota_bytes FROM asset_app_settings WHERE app_id = :appId")
                .param("appId", appId).query(AppSettingsTable::map).optional().orElse(OwnSettings.NONE);
    }

    /** The app's row, created empty when it has none, held until the transaction ends: changes of one app go one after another. */
    OwnSettings lock(String appId) {
        jdbc.sql("INSERT INTO asset_app_settings (app_id) VALUES (:appId) ON CONFLICT (app_id) DO NOTHING").param("appId", appId).update();
        return jdbc.sql("SELECT allowed_types, max_file_bytes, quota_bytes FROM asset_app_settings WHERE app_id = :appId FOR UPDATE")
                .param("appId", appId).query(AppSettingsTable::map).single();
    }

    void save(String appId, OwnSettings settings) {
        jdbc.sql("""
                UPDATE asset_app_settings
                SET allowed_types = CAST(:types AS TEXT[]), max_file_bytes = :maxFileBytes, quota_bytes = :quotaBytes, updated_at = now()
                WHERE app_id = :appId
                """)
                .param("appId", appId)
                .param("types", settings.allowedTypes() == null ? null : arrayLiteral(settings.allowedTypes()))
                .param("maxFileBytes", settings.maxFileBytes())
                .param("quotaBytes", settings.quotaBytes())
                .update();
    }

    /** Types are checked against the supported ones before they get here: no quoting needed beyond the braces. */
    private static String arrayLiteral(List<String> types) {
        return "{" + String.join(",", types) + "}";
    }

    private static OwnSettings map(ResultSet rs, int row) throws SQLException {
        Array types = rs.getArray("allowed_types");
        return new OwnSettings(types == null ? null : Arrays.stream((Object[]) types.getArray()).map(String::valueOf).toList(),
                rs.getObject("max_file_bytes", Long.class), rs.getObject("quota_bytes", Long.class));
    }
}
