package io.passportsuite.admin.uploads;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

import io.passportsuite.admin.asset.AssetReply;
import io.passportsuite.admin.asset.AssetSettings;
import io.passportsuite.admin.asset.AssetSettingsChange;
import io.passportsuite.admin.asset.Assets;
import io.passportsuite.admin.audit.Actor;
import io.passportsuite.admin.audit.AuditedAction;
import io.passportsuite.admin.audit.AuditedCall;
import tools.jackson.databind.node.ObjectNode;

/**
 * An operator sets an app's upload settings (allowed types, largest upload, storage quota).
 * Asset-service checks them and answers them before and after, which is what the trail keeps; a
 * change that may have been made without an answer (a timeout, a 5xx) is kept as asked, its
 * outcome unknown. The app's next upload meets the new settings.
 */
@Service
public class ChangingUploadSettings {

    public static final String ACTION = "app.update_upload_settings";
    static final String APP = "app";

    private final KnownApps apps;
    private final Assets assets;
    private final AuditedCall audited;

    ChangingUploadSettings(KnownApps apps, Assets assets, AuditedCall audited) {
        this.apps = apps;
        this.assets = assets;
        this.audited = audited;
    }

    /** {@code settings}: asset-service's body, {@code {allowedTypes, maxFileBytes, quotaBytes}}, a null one the default. */
    public UploadSettingsOutcome<AssetSettingsChange> change(Actor actor, String appId, ObjectNode settings) {
        Optional<UploadSettingsOutcome<AssetSettingsChange>> unknown = apps.unlessKnown(appId);
        if (unknown.isPresent()) {
            return unknown.get();
        }
        AssetReply<AssetSettingsChange> reply = audited.run(() -> assets.putSettings(appId, settings),
                answer -> rowOf(answer, actor, appId, settings),
                () -> new AssetReply.Unavailable<>("audit trail", false));
        return switch (reply) {
            case AssetReply.Answered<AssetSettingsChange>(AssetSettingsChange change) -> new UploadSettingsOutcome.Done<>(change);
            case AssetReply<AssetSettingsChange> failed -> new UploadSettingsOutcome.AssetFailed<>(failed);
        };
    }

    private static Optional<AuditedAction> rowOf(AssetReply<AssetSettingsChange> reply, Actor actor, String appId, ObjectNode asked) {
        return switch (reply) {
            case AssetReply.Answered<AssetSettingsChange>(AssetSettingsChange change) ->
                    Optional.of(new AuditedAction(appId, actor, ACTION, APP, appId, settingsOf(change.before()), settingsOf(change.after())));
            case AssetReply.Unavailable<AssetSettingsChange> unavailable when unavailable.outcomeUnknown() ->
                    Optional.of(new AuditedAction(appId, actor, ACTION, APP, appId, null, askedOf(asked)).outcomeUnknown());
            case AssetReply<AssetSettingsChange> nothingDone -> Optional.empty();
        };
    }

    private static Map<String, Object> settingsOf(AssetSettings settings) {
        Map<String, Object> kept = new LinkedHashMap<>();
        kept.put("allowed_types", settings.allowedTypes());
        kept.put("max_file_bytes", settings.maxFileBytes());
        kept.put("quota_bytes", settings.quotaBytes());
        kept.put("from_defaults", settings.fromDefaults());
        return kept;
    }

    /** The settings asked for, as sent: a left-out one is the default, as a null one. */
    private static Map<String, Object> askedOf(ObjectNode asked) {
        Map<String, Object> kept = new LinkedHashMap<>();
        kept.put("allowed_types", asked.get("allowedTypes"));
        kept.put("max_file_bytes", asked.get("maxFileBytes"));
        kept.put("quota_bytes", asked.get("quotaBytes"));
        return kept;
    }
}
