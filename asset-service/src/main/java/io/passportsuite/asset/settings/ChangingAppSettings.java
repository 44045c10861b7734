package io.passportsuite.asset.settings;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.passportsuite.asset.image.ImageFormat;

/**
 * An operator sets an app's upload settings, all three at once: a null one goes back to the
 * service's default. A lower limit or quota applies to the next upload; files already stored stay,
 * even past a lowered quota (the app can upload again once it is back under it).
 */
@Service
public class ChangingAppSettings {

    /** What the service stores: the formats it decodes and re-encodes. */
    static final List<String> SUPPORTED_TYPES = Arrays.stream(ImageFormat.values()).map(ImageFormat::contentType).toList();

    private final AppSettingsTable table;
    private final ShowingAppSettings showing;
    private final TransactionTemplate transaction;
    private final long largestMaxFileBytes;

    ChangingAppSettings(AppSettingsTable table, ShowingAppSettings showing, TransactionTemplate transaction, SettingsBounds bounds) {
        this.table = table;
        this.showing = showing;
        this.transaction = transaction;
        this.largestMaxFileBytes = bounds.largestMaxFileSize().toBytes();
    }

    public SettingsChange change(String appId, OwnSettings wanted) {
        if (wanted.allowedTypes() != null && (wanted.allowedTypes().isEmpty() || !SUPPORTED_TYPES.containsAll(wanted.allowedTypes()))) {
            return new SettingsChange.Invalid(ShowingAppSettings.ALLOWED_TYPES,
                    "must be one or more of " + String.join(", ", SUPPORTED_TYPES) + ", or null for the default");
        }
        if (wanted.maxFileBytes() != null
                && (wanted.maxFileBytes() < SettingsBounds.SMALLEST_MAX_FILE_BYTES || wanted.maxFileBytes() > largestMaxFileBytes)) {
            return new SettingsChange.Invalid(ShowingAppSettings.MAX_FILE_BYTES, "must be " + SettingsBounds.SMALLEST_MAX_FILE_BYTES
                    + " to " + largestMaxFileBytes + " bytes, or null for the default");
        }
        if (wanted.quotaBytes() != null && wanted.quotaBytes() < 0) {
            return new SettingsChange.Invalid(ShowingAppSettings.QUOTA_BYTES, "must not be negative, or null for the default");
        }
        OwnSettings saved = new OwnSettings(wanted.allowedTypes() == null ? null : inSupportedOrder(wanted.allowedTypes()),
                wanted.maxFileBytes(), wanted.quotaBytes());
        return transaction.execute(status -> {
            AppSettings before = showing.effective(appId, table.lock(appId));
            table.save(appId, saved);
            return new SettingsChange.Saved(before, showing.effective(appId, saved));
        });
    }

    /** Duplicates dropped, in one order whatever the operator's: the trail compares like with like. */
    private static List<String> inSupportedOrder(List<String> types) {
        LinkedHashSet<String> wanted = new LinkedHashSet<>(types);
        return SUPPORTED_TYPES.stream().filter(wanted::contains).collect(Collectors.toList());
    }
}
