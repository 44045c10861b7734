package io.passportsuite.asset.settings;

import java.util.List;

/**
 * An app's upload settings as they apply: its own where it has set them, the service's defaults
 * for the rest ({@code fromDefaults} names those), and what its files take now.
 *
 * @param fromDefaults the settings the app takes from the defaults: {@code allowedTypes},
 *        {@code maxFileBytes}, {@code quotaBytes}
 */
public record AppSettings(String appId, List<String> allowedTypes, long maxFileBytes, long quotaBytes, List<String> fromDefaults,
        long storedBytes, long fileCount) {

    public AppSettings {
        allowedTypes = List.copyOf(allowedTypes);
        fromDefaults = List.copyOf(fromDefaults);
    }
}
