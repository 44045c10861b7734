package io.passportsuite.admin.asset;

/** An app's upload settings before and after an operator's change, as asset-service answered it. */
public record AssetSettingsChange(AssetSettings before, AssetSettings after) {
}
