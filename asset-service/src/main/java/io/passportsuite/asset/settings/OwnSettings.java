package io.passportsuite.asset.settings;

import java.util.List;

/**
 * An app's own settings, each null where the app takes the service's default: what an operator
 * sets, and what {@code asset_app_settings} keeps.
 */
public record OwnSettings(List<String> allowedTypes, Long maxFileBytes, Long quotaBytes) {

    static final OwnSettings NONE = new OwnSettings(null, null, null);

    public OwnSettings {
        allowedTypes = allowedTypes == null ? null : List.copyOf(allowedTypes);
    }
}
