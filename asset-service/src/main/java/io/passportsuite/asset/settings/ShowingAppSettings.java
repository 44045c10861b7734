package io.passportsuite.asset.settings;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;

import io.passportsuite.asset.file.AppUsage;
import io.passportsuite.asset.file.UploadDefaults;

/**
 * An app's upload settings as its uploads meet them, and what its files take. Every app has them:
 * one the service never saw takes the defaults and uses nothing (the app's existence is passport's
 * to say, not this service's).
 */
@Service
public class ShowingAppSettings {

    static final String ALLOWED_TYPES = "allowedTypes";
    static final String MAX_FILE_BYTES = "maxFileBytes";
    static final String QUOTA_BYTES = "quotaBytes";

    private final AppSettingsTable table;
    private final UploadDefaults defaults;
    private final AppUsage usage;

    ShowingAppSettings(AppSettingsTable table, UploadDefaults defaults, AppUsage usage) {
        this.table = table;
        this.defaults = defaults;
        this.usage = usage;
    }

    public AppSettings of(String appId) {
        return effective(appId, table.find(appId));
    }

    AppSettings effective(String appId, OwnSettings own) {
        List<String> fromDefaults = new ArrayList<>();
        if (own.allowedTypes() == null) {
            fromDefaults.add(ALLOWED_TYPES);
        }
        if (own.maxFileBytes() == null) {
            fromDefaults.add(MAX_FILE_BYTES);
        }
        if (own.quotaBytes() == null) {
            fromDefaults.add(QUOTA_BYTES);
        }
        AppUsage.Usage used = usage.of(appId);
        return new AppSettings(appId,
                own.allowedTypes() != null ? own.allowedTypes() : defaults.allowedTypes(),
                own.maxFileBytes() != null ? own.maxFileBytes() : defaults.maxFileSize().toBytes(),
                own.quotaBytes() != null ? own.quotaBytes() : defaults.quota().toBytes(),
                fromDefaults, used.storedBytes(), used.fileCount());
    }
}
