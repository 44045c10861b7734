package io.passportsuite.admin.api.envelope;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import io.passportsuite.admin.passport.PassportReply;
import io.passportsuite.admin.web.Refusal;
import io.passportsuite.common.error.ErrorCode;

/**
 * What an operator is told when passport did not do what was asked of an app or a key: an unknown
 * app or key is theirs to fix (404), as is an id taken (409) or a setting out of bounds (400, with
 * passport's reason in Chinese); the rest is {@link PassportRefusals}' (429 passed on, 503).
 */
final class AppRefusals {

    static final ErrorCode FAILS_AS = ErrorCode.ADMIN_OPERATION_FAILED;
    static final String NO_SUCH_APP = "应用不存在";
    static final String NO_SUCH_KEY = "API 密钥不存在或已吊销";

    /** Passport's own rule for app ids: a path segment that breaks it names no app and is never sent on. */
    private static final Pattern APP_ID = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,63}$");

    /** Passport's English reasons, by how they begin, and what the back office says instead. */
    private static final List<Map.Entry<String, String>> REASONS = List.of(
            Map.entry("app_id must be", "app_id 须为 1-64 个小写字母、数字、'_' 或 '-',以字母或数字开头"),
            Map.entry("name must be", "name 须为 1-100 个字符"),
            Map.entry("password lengths must satisfy", "密码长度须满足 1 <= password_min_length <= password_max_length <= 128"),
            Map.entry("access token lifetime must be", "access_token_ttl_seconds 须为 60-86400 秒"),
            Map.entry("refresh token lifetime must be at least", "refresh_token_ttl_seconds 不能小于 access_token_ttl_seconds"),
            Map.entry("refresh token lifetime must be", "refresh_token_ttl_seconds 须为 300-31536000 秒"),
            Map.entry("login_methods of the platform app must include", "平台应用的登录方式必须包含 password,管理员用它登录"),
            Map.entry("login_methods must be", "login_methods 须为 password、email_code、github 中的一个或多个"),
            Map.entry("label must be", "label 最多 100 个字符"),
            Map.entry("github.client_secret is required in the same request",
                    "修改 github.client_id、github.web_base_url 或 github.api_base_url 时必须同时提供 github.client_secret"),
            Map.entry("github.web_base_url must be an https URL", "github.web_base_url 必须是 https 地址(仅本机回环地址可用 http)"),
            Map.entry("github.api_base_url must be an https URL", "github.api_base_url 必须是 https 地址(仅本机回环地址可用 http)"));

    private AppRefusals() {
    }

    static Refusal of(PassportReply<?> reply) {
        return switch (reply) {
            case PassportReply.Refused<?> refused when refused.status() == 404 && "UNKNOWN_APP".equals(refused.error()) ->
                    new Refusal(FAILS_AS, 404, NO_SUCH_APP);
            case PassportReply.Refused<?> refused when refused.status() == 404 && refused.message() != null
                    && refused.message().startsWith("no active key") -> new Refusal(FAILS_AS, 404, NO_SUCH_KEY);
            case PassportReply.Refused<?> refused when refused.status() == 409 -> new Refusal(FAILS_AS, 409, "应用 ID 已被使用");
            case PassportReply.Refused<?> refused when refused.status() == 400 -> new Refusal(FAILS_AS, 400, chinese(refused.message()));
            default -> PassportRefusals.of(reply, FAILS_AS);
        };
    }

    /** The app a path names, or 404 without asking passport when it cannot name one. */
    static String appIdOf(String pathSegment) {
        if (pathSegment == null || !APP_ID.matcher(pathSegment).matches()) {
            throw new Refusal(FAILS_AS, 404, NO_SUCH_APP);
        }
        return pathSegment;
    }

    static UUID keyIdOf(String pathSegment) {
        try {
            return UUID.fromString(pathSegment);
        } catch (IllegalArgumentException e) {
            throw new Refusal(FAILS_AS, 404, NO_SUCH_KEY);
        }
    }

    static boolean validAppId(String appId) {
        return APP_ID.matcher(appId).matches();
    }

    private static String chinese(String message) {
        if (message == null) {
            return PassportRefusals.chinese(null);
        }
        return REASONS.stream().filter(reason -> message.startsWith(reason.getKey())).map(Map.Entry::getValue).findFirst()
                .orElseGet(() -> PassportRefusals.chinese(message));
    }
}
