package io.passportsuite.admin.api.envelope;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.passportsuite.admin.asset.AssetSettings;
import io.passportsuite.admin.asset.AssetSettingsChange;
import io.passportsuite.admin.uploads.BrowsingUploadSettings;
import io.passportsuite.admin.uploads.ChangingUploadSettings;
import io.passportsuite.admin.uploads.UploadSettingsOutcome;
import io.passportsuite.admin.web.Caller;
import io.passportsuite.common.error.Envelope;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An app's uploads, kept by asset-service: {@code GET /admin/apps/:appId/assets} (settings, which
 * of them are defaults, what its files take) and {@code PUT /admin/apps/:appId/assets}
 * ({@code {allowed_types, max_file_bytes, quota_bytes}}, all three: a null or left-out one takes
 * the default). {@code ADMIN_OPERATION_FAILED} 404 for an app passport does not serve, 400 for a
 * setting out of bounds; 503 when passport or asset-service is away.
 */
@RestController
class AdminAppAssetsController {

    private static final Map<String, String> FIELDS = Map.of(
            "allowed_types", "allowedTypes", "max_file_bytes", "maxFileBytes", "quota_bytes", "quotaBytes");

    private final BrowsingUploadSettings browsing;
    private final ChangingUploadSettings changing;

    AdminAppAssetsController(BrowsingUploadSettings browsing, ChangingUploadSettings changing) {
        this.browsing = browsing;
        this.changing = changing;
    }

    @GetMapping("/admin/apps/{appId}/assets")
    Envelope<Map<String, AssetSettings>> settings(@PathVariable String appId) {
        return switch (browsing.of(AppRefusals.appIdOf(appId))) {
            case UploadSettingsOutcome.Done<AssetSettings>(AssetSettings settings) -> Envelope.ok(Map.of("assets", settings), "上传设置获取成功");
            case UploadSettingsOutcome<AssetSettings> failed -> throw AssetRefusals.of(failed);
        };
    }

    @PutMapping("/admin/apps/{appId}/assets")
    Envelope<AssetSettingsChange> change(Caller caller, @PathVariable String appId, @RequestBody(required = false) JsonNode json) {
        String app = AppRefusals.appIdOf(appId);
        ObjectNode body = MembershipRefusals.translated(json, FIELDS);
        return switch (changing.change(AdminAppController.actorOf(caller), app, body)) {
            case UploadSettingsOutcome.Done<AssetSettingsChange>(AssetSettingsChange change) -> Envelope.ok(change, "上传设置已更新");
            case UploadSettingsOutcome<AssetSettingsChange> failed -> throw AssetRefusals.of(failed);
        };
    }
}
