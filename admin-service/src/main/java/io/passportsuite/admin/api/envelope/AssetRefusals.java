package io.passportsuite.admin.api.envelope;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.passportsuite.admin.asset.AssetReply;
import io.passportsuite.admin.uploads.UploadSettingsOutcome;
import io.passportsuite.admin.web.Refusal;
import io.passportsuite.common.error.ErrorCode;

/**
 * What an operator is told when an app's upload settings were not read or changed: an unknown app
 * (passport's answer, 404) and a setting out of bounds (asset-service's 400, its English reason
 * after a Chinese one) are theirs to fix; everything else is no fault of theirs, 503.
 */
final class AssetRefusals {

    static final ErrorCode FAILS_AS = ErrorCode.ADMIN_OPERATION_FAILED;

    private static final Logger log = LoggerFactory.getLogger(AssetRefusals.class);
    /** Asset-service's reasons, by the field they begin with. */
    private static final Map<String, String> REASONS = Map.of(
            "allowedTypes", "allowed_types 须为 image/jpeg、image/png、image/webp、image/gif 中的一个或多个,或 null 表示默认",
            "maxFileBytes", "max_file_bytes 超出允许范围,或 null 表示默认",
            "quotaBytes", "quota_bytes 须为不小于 0 的整数,或 null 表示默认");

    private AssetRefusals() {
    }

    static Refusal of(UploadSettingsOutcome<?> outcome) {
        return switch (outcome) {
            case UploadSettingsOutcome.AppNotConfirmed<?>(var reply) -> AppRefusals.of(reply);
            case UploadSettingsOutcome.AssetFailed<?>(var reply) -> of(reply);
            case UploadSettingsOutcome.Done<?> done -> throw new IllegalArgumentException("an answer is no refusal");
        };
    }

    private static Refusal of(AssetReply<?> reply) {
        return switch (reply) {
            case AssetReply.Refused<?> refused when refused.status() == 400 -> new Refusal(FAILS_AS, 400, reasoned(refused.message()));
            case AssetReply.Refused<?> refused -> {
                log.error("Asset-service refused a back-office call: {} {} {}", refused.status(), refused.error(), refused.message());
                yield new Refusal(ErrorCode.SERVICE_UNAVAILABLE, 503, PassportRefusals.UNAVAILABLE);
            }
            case AssetReply.Unavailable<?> unavailable -> new Refusal(ErrorCode.SERVICE_UNAVAILABLE, 503, PassportRefusals.UNAVAILABLE);
            case AssetReply.Answered<?> answered -> throw new IllegalArgumentException("an answer is no refusal");
        };
    }

    private static String reasoned(String message) {
        if (message == null) {
            return "请求参数错误";
        }
        String chinese = REASONS.entrySet().stream().filter(reason -> message.startsWith(reason.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse("请求参数错误");
        return chinese + ": " + message;
    }
}
