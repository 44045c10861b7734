package io.passportsuite.admin.api.envelope;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.passportsuite.admin.apps.BrowsingApps;
import io.passportsuite.admin.apps.IssuingApiKey;
import io.passportsuite.admin.apps.RevokingApiKey;
import io.passportsuite.admin.passport.ApiKey;
import io.passportsuite.admin.passport.IssuedApiKey;
import io.passportsuite.admin.passport.PassportReply;
import io.passportsuite.admin.web.Caller;
import io.passportsuite.admin.web.Refusal;
import io.passportsuite.common.error.Envelope;
import tools.jackson.databind.JsonNode;

/**
 * An app's API keys: issue ({@code POST}, the secret shown in that answer only), list (never a
 * secret) and revoke ({@code DELETE}). Failures are {@code ADMIN_OPERATION_FAILED}.
 */
@RestController
class AdminApiKeyController {

    private final BrowsingApps browsing;
    private final IssuingApiKey issuing;
    private final RevokingApiKey revoking;

    AdminApiKeyController(BrowsingApps browsing, IssuingApiKey issuing, RevokingApiKey revoking) {
        this.browsing = browsing;
        this.issuing = issuing;
        this.revoking = revoking;
    }

    /** {@code label} is optional: a name for operators to tell keys apart. */
    @PostMapping("/admin/apps/{appId}/api-keys")
    ResponseEntity<Envelope<NewKey>> issue(Caller caller, @PathVariable String appId, @RequestBody(required = false) JsonNode json) {
        String app = AppRefusals.appIdOf(appId);
        String label = null;
        if (json != null && !json.isNull()) {
            JsonNode body = Bodies.object(json, AppRefusals.FAILS_AS);
            for (String field : body.propertyNames()) {
                if (!field.equals("label")) {
                    throw new Refusal(AppRefusals.FAILS_AS, 400, "不支持的字段: " + (field.length() > 64 ? field.substring(0, 64) : field));
                }
            }
            label = AppBodies.text(body, "label");
        }
        return switch (issuing.issue(AdminAppController.actorOf(caller), app, label)) {
            case PassportReply.Answered<IssuedApiKey>(IssuedApiKey key) -> ResponseEntity.status(HttpStatus.CREATED).body(Envelope.ok(
                    new NewKey(key.id(), key.appId(), key.prefix(), label, key.apiKey()), "API 密钥已创建,密钥仅显示这一次,请妥善保存"));
            case PassportReply<IssuedApiKey> failed -> throw AppRefusals.of(failed);
        };
    }

    @GetMapping("/admin/apps/{appId}/api-keys")
    Envelope<Map<String, List<ApiKey>>> list(@PathVariable String appId) {
        return switch (browsing.keys(AppRefusals.appIdOf(appId))) {
            case PassportReply.Answered<List<ApiKey>>(List<ApiKey> keys) -> Envelope.ok(Map.of("api_keys", keys), "API 密钥列表获取成功");
            case PassportReply<List<ApiKey>> failed -> throw AppRefusals.of(failed);
        };
    }

    @DeleteMapping("/admin/apps/{appId}/api-keys/{keyId}")
    Envelope<Void> revoke(Caller caller, @PathVariable String appId, @PathVariable String keyId) {
        String app = AppRefusals.appIdOf(appId);
        UUID key = AppRefusals.keyIdOf(keyId);
        return switch (revoking.revoke(AdminAppController.actorOf(caller), app, key)) {
            case PassportReply.Answered<Void> done -> Envelope.ok("API 密钥已吊销");
            case PassportReply<Void> failed -> throw AppRefusals.of(failed);
        };
    }

    /** {@code api_key}: the secret, in this answer and never again. */
    record NewKey(UUID id, @JsonProperty("app_id") String appId, String prefix, String label, @JsonProperty("api_key") String apiKey) {
    }
}
