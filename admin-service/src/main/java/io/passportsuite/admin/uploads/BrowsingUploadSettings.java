package io.passportsuite.admin.uploads;

import org.springframework.stereotype.Service;

import io.passportsuite.admin.asset.AssetReply;
import io.passportsuite.admin.asset.AssetSettings;
import io.passportsuite.admin.asset.Assets;

/** An app's upload settings and what its files take, as asset-service applies them: reading is not audited. */
@Service
public class BrowsingUploadSettings {

    private final KnownApps apps;
    private final Assets assets;

    BrowsingUploadSettings(KnownApps apps, Assets assets) {
        this.apps = apps;
        this.assets = assets;
    }

    public UploadSettingsOutcome<AssetSettings> of(String appId) {
        return apps.<AssetSettings>unlessKnown(appId).orElseGet(() -> switch (assets.settings(appId)) {
            case AssetReply.Answered<AssetSettings>(AssetSettings settings) -> new UploadSettingsOutcome.Done<>(settings);
            case AssetReply<AssetSettings> failed -> new UploadSettingsOutcome.AssetFailed<>(failed);
        });
    }
}
