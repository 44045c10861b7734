package io.passportsuite.asset.file;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Each app's upload limits: its own row in {@code asset_app_settings}, the defaults for whatever it leaves open. */
@Component
public class AppLimits {

    private final JdbcClient jdbc;
    private final UploadDefaults defaults;

    AppLimits(JdbcClient jdbc, UploadDefaults defaults) {
        this.jdbc = jdbc;
        this.defaults = defaults;
    }

    public UploadLimits of(String appId) {
        UploadLimits fallback = new UploadLimits(UploadLimits.formatsOf(defaults.allowedTypes()),
                defaults.maxFileSize().toBytes(), defaults.quota().toBytes());
        return jdbc.sql("SELECT allowed_types, max_file_bytes, quota_bytes FROM asset_app_settings WHERE app_id = :appId")
                .param("appId", appId)
                .query((rs, row) -> new UploadLimits(
                        rs.getArray("allowed_types") == null ? fallback.allowed() : UploadLimits.formatsOf(texts(rs.getArray("allowed_types"))),
                        rs.getObject("max_file_bytes") == null ? fallback.maxFileBytes() : rs.getLong("max_file_bytes"),
                        rs.getObject("quota_bytes") == null ? fallback.quotaBytes() : rs.getLong("quota_bytes")))
                .optional()
                .orElse(fallback);
    }

    private static List<String> texts(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }
}
