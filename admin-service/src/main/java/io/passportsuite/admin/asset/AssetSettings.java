package io.passportsuite.admin.asset;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An app's upload settings as asset-service applies them, and what its files take. Read in
 * asset-service's camelCase, shown in the back office's snake_case. {@code fromDefaults} names the
 * settings the app takes from the service's defaults ({@code allowed_types}, {@code max_file_bytes},
 * {@code quota_bytes}).
 */
public record AssetSettings(@JsonProperty("app_id") @JsonAlias("appId") String appId,
        @JsonProperty("allowed_types") @JsonAlias("allowedTypes") List<String> allowedTypes,
        @JsonProperty("max_file_bytes") @JsonAlias("maxFileBytes") long maxFileBytes,
        @JsonProperty("quota_bytes") @JsonAlias("quotaBytes") long quotaBytes,
        @JsonProperty("from_defaults") @JsonAlias("fromDefaults") List<String> fromDefaults,
        Usage usage) {

    public AssetSettings {
        fromDefaults = fromDefaults == null ? List.of() : fromDefaults.stream().map(AssetSettings::snakeCase).toList();
    }

    /** @param storedBytes what the quota counts: each distinct content once */
    public record Usage(@JsonProperty("stored_bytes") @JsonAlias("storedBytes") long storedBytes,
            @JsonProperty("file_count") @JsonAlias("fileCount") long fileCount) {
    }

    /** asset-service names the settings in camelCase; already snake_case names pass as they are. */
    private static String snakeCase(String name) {
        return name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
