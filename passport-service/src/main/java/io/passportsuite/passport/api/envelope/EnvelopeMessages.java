package io.passportsuite.passport.api.envelope;

import java.util.EnumMap;
import java.util.Map;

import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;

/**
 * The envelope surface speaks Chinese: its reference writes its messages so ("用户名已存在",
 * "用户名或密码错误"), and its clients show them to users as they are. One text per reason, with
 * {@code %s} where the problem's arguments go; field names stay as the client sent them.
 */
final class EnvelopeMessages {

    private static final Map<Reason, String> TEXTS = new EnumMap<>(Reason.class);

    static {
        TEXTS.put(Reason.BODY_NOT_OBJECT, "请求体必须是 JSON 对象");
        TEXTS.put(Reason.BODY_MALFORMED, "请求体缺失或不是有效的 JSON");
        TEXTS.put(Reason.BODY_TOO_LARGE, "请求体过大");
        TEXTS.put(Reason.REQUEST_LINE_MALFORMED, "请求行或路径格式错误");
        TEXTS.put(Reason.FIELD_REQUIRED, "缺少必填字段 %s");
        TEXTS.put(Reason.FIELD_NOT_STRING, "%s 必须是字符串");
        TEXTS.put(Reason.FIELD_TOO_LONG, "%s 过长");
        TEXTS.put(Reason.FIELD_NOT_NULL, "%s 不能为 null");
        TEXTS.put(Reason.FIELD_NOT_INTEGER, "%s 必须是整数");
        TEXTS.put(Reason.TEXT_UNSTORABLE, "%s 含有 NUL 字符或不成对的代理字符");
        TEXTS.put(Reason.QUERY_NOT_UTF8, "查询字符串不是有效的 UTF-8");
        TEXTS.put(Reason.PARAMETER_MALFORMED, "路径或查询参数缺失或格式错误");
        TEXTS.put(Reason.USER_ID_MALFORMED, "userId 必须是 UUID");
        TEXTS.put(Reason.USER_ID_MISMATCH, "请求体中的 userId 必须与路径一致");
        TEXTS.put(Reason.NO_SUCH_ENDPOINT, "接口不存在");
        TEXTS.put(Reason.METHOD_NOT_ALLOWED, "该接口不支持此请求方法");
        TEXTS.put(Reason.MEDIA_TYPE_UNSUPPORTED, "请使用 Content-Type: application/json");
        TEXTS.put(Reason.NOT_ACCEPTABLE, "该接口只返回 application/json");
        TEXTS.put(Reason.INTERNAL_ONLY, "内部接口");

        TEXTS.put(Reason.EMAIL_INVALID, "%s 不是有效的邮箱地址");
        TEXTS.put(Reason.PHONE_INVALID, "%s 必须是国际格式的手机号,例如 +8613800138000");
        TEXTS.put(Reason.CONTACT_TYPE_INVALID, "contact_type 必须是 phone 或 email");
        TEXTS.put(Reason.IDENTIFIER_NOT_CONTACT, "identifier 必须是邮箱地址或手机号");
        TEXTS.put(Reason.USERNAME_INVALID, "用户名必须是 1-50 个字母、数字或下划线");
        TEXTS.put(Reason.NICKNAME_INVALID, "昵称必须是 1-50 个字符");
        TEXTS.put(Reason.INVITE_CODE_INVALID, "邀请码必须是 1-64 个字符");
        TEXTS.put(Reason.AVATAR_INVALID, "头像必须是不超过 2048 个字符的 http(s) 地址");
        TEXTS.put(Reason.SIGNATURE_INVALID, "签名不能超过 200 个字符");

        TEXTS.put(Reason.PASSWORD_REQUIRED, "请输入密码");
        TEXTS.put(Reason.PASSWORD_LENGTH, "密码长度必须为 %s-%s 个字符");
        TEXTS.put(Reason.PASSWORD_LETTER_AND_DIGIT, "密码必须同时包含字母和数字");
        TEXTS.put(Reason.PASSWORD_OR_CAPTCHA_REQUIRED, "请输入密码或验证码");

        TEXTS.put(Reason.USERNAME_TAKEN, "用户名已存在");
        TEXTS.put(Reason.EMAIL_TAKEN, "邮箱已被注册");
        TEXTS.put(Reason.PHONE_TAKEN, "手机号已被注册");
        TEXTS.put(Reason.NO_FREE_USERNAME, "无法生成可用的用户名,请自行指定");
        TEXTS.put(Reason.USER_NOT_FOUND, "用户不存在");
        TEXTS.put(Reason.PAGING_INVALID, "limit 必须为 %s-%s,offset 不能小于 0");
        TEXTS.put(Reason.CURSOR_INVALID, "after 必须是之前某页返回的 next 游标");
        TEXTS.put(Reason.CURSOR_WITH_OFFSET, "offset 与 after 不能同时使用");
        TEXTS.put(Reason.SEARCH_INVALID, "q 长度必须为 1-%s 个字符");
        TEXTS.put(Reason.FILTER_INVALID, "%s 必须为 true 或 false");
        TEXTS.put(Reason.ROLE_INVALID, "role 必须为 1(普通用户)或 9(管理员)");
        TEXTS.put(Reason.SESSION_NOT_FOUND, "该用户没有这个会话");
        TEXTS.put(Reason.REFRESH_SHORTER_THAN_ACCESS, "刷新令牌有效期不能短于访问令牌有效期");
        TEXTS.put(Reason.PLATFORM_APP_NEEDS_PASSWORD, "平台应用的登录方式必须包含 %s:管理员通过它登录");

        TEXTS.put(Reason.IDENTIFIER_REQUIRED, "请输入用户名、邮箱或手机号");
        TEXTS.put(Reason.WRONG_CREDENTIALS, "用户名或密码错误");
        TEXTS.put(Reason.ADMIN_LOGIN_FAILED, "管理员用户名或密码错误");
        TEXTS.put(Reason.OLD_PASSWORD_WRONG, "原密码错误");
        TEXTS.put(Reason.ACCOUNT_DISABLED, "账户已被禁用");
        TEXTS.put(Reason.PASSWORD_LOGIN_NOT_ALLOWED, "该应用不允许密码登录");
        TEXTS.put(Reason.CODE_LOGIN_NOT_ALLOWED, "该应用不允许验证码登录");

        TEXTS.put(Reason.GITHUB_LOGIN_NOT_ALLOWED, "该应用不允许 GitHub 登录");
        TEXTS.put(Reason.GITHUB_NOT_CONFIGURED, "该应用未配置 GitHub 登录");
        TEXTS.put(Reason.GITHUB_PROOF_REQUIRED, "请提供 GitHub 授权码(code,连同 state 与 redirect_uri)或 GitHub access_token");
        TEXTS.put(Reason.GITHUB_STATE_INVALID, "state 缺失、已过期、已使用或与 redirect_uri 不符");
        TEXTS.put(Reason.GITHUB_CODE_REJECTED, "GitHub 拒绝了授权码(%s)");
        TEXTS.put(Reason.GITHUB_TOKEN_REJECTED, "GitHub access_token 无效或不属于本应用");
        TEXTS.put(Reason.GITHUB_FAILED, "GitHub 返回错误,请稍后重试");
        TEXTS.put(Reason.GITHUB_UNREACHABLE, "无法及时连接 GitHub,请稍后重试");
        TEXTS.put(Reason.REDIRECT_URI_NOT_ALLOWED, "redirect_uri 不在该应用允许的 GitHub 回调地址中");
        TEXTS.put(Reason.IDENTITY_ALREADY_LINKED, "该 GitHub 账户已绑定其他用户");
        TEXTS.put(Reason.GITHUB_NOT_LINKED, "该用户未绑定 GitHub 账户");
        TEXTS.put(Reason.GITHUB_LAST_LOGIN_METHOD, "GitHub 是该账户唯一的登录方式,请先设置密码");
        TEXTS.put(Reason.GITHUB_CLIENT_ID_INVALID, "github.client_id 必须是 1-100 个可见字符");
        TEXTS.put(Reason.GITHUB_CLIENT_SECRET_INVALID, "github.client_secret 必须是 1-200 个可见字符,首次配置 GitHub 时必填");
        TEXTS.put(Reason.GITHUB_REDIRECT_URIS_INVALID, "github.redirect_uris 必须是 1-20 个不含片段的 http(s) 绝对地址");
        TEXTS.put(Reason.GITHUB_BASE_URL_INVALID, "%s 必须是不含查询和片段的 http(s) 绝对地址");
        TEXTS.put(Reason.GITHUB_BASE_URL_NOT_HTTPS, "%s 必须是 https 地址(仅本机回环地址 127.0.0.1、localhost、::1 可用 http)");
        TEXTS.put(Reason.GITHUB_CLIENT_SECRET_REQUIRED, "修改 github.client_id、github.web_base_url 或 github.api_base_url 时必须同时提供 github.client_secret");
        TEXTS.put(Reason.CODE_INVALID, "验证码错误或已过期");
        TEXTS.put(Reason.EMAIL_CODE_REQUIRED, "填写邮箱时必须提供 email_verification_code,请先调用 /auth/send-email-verification 获取");
        TEXTS.put(Reason.CAPTCHA_REQUIRED, "该应用注册需要验证码,请先以 captcha_register 场景获取");
        TEXTS.put(Reason.SCENE_INVALID, "scene 必须是 captcha_register、captcha_login 或 captcha_reset_password");
        TEXTS.put(Reason.NO_LIVE_CODE, "该邮箱没有有效的验证码");

        TEXTS.put(Reason.BEARER_TOKEN_REQUIRED, "请以 Authorization: Bearer <token> 发送访问令牌");
        TEXTS.put(Reason.TOKEN_REQUIRED, "缺少令牌");
        TEXTS.put(Reason.TOKEN_INVALID, "令牌无效或已过期");
        TEXTS.put(Reason.REFRESH_TOKEN_INVALID, "刷新令牌无效或已过期");
        TEXTS.put(Reason.REFRESH_TOKEN_REUSED, "刷新令牌已被使用,会话已失效,请重新登录");

        TEXTS.put(Reason.API_KEY_REQUIRED, "请以 Authorization: Bearer <api_key> 发送有效的 API Key");
        TEXTS.put(Reason.API_KEY_UNKNOWN, "API Key 不存在或已吊销");
        TEXTS.put(Reason.TENANT_MISMATCH, "API Key 不属于应用 %s");
        TEXTS.put(Reason.APP_UNKNOWN, "应用 %s 不存在");
        TEXTS.put(Reason.DEFAULT_APP_MISSING, "默认应用未配置");
        TEXTS.put(Reason.APP_EXISTS, "应用 %s 已存在");
        TEXTS.put(Reason.APP_ID_INVALID, "app_id 必须是 1-64 个 a-z、0-9、'_' 或 '-',以字母或数字开头");
        TEXTS.put(Reason.APP_NAME_INVALID, "应用名称必须是 1-100 个字符");
        TEXTS.put(Reason.PASSWORD_LENGTHS_INVALID, "密码长度须满足 1 <= 最小值 <= 最大值 <= 128");
        TEXTS.put(Reason.ACCESS_TOKEN_LIFETIME_INVALID, "访问令牌有效期必须为 60-86400 秒");
        TEXTS.put(Reason.REFRESH_TOKEN_LIFETIME_INVALID, "刷新令牌有效期必须为 300-31536000 秒");
        TEXTS.put(Reason.LOGIN_METHODS_INVALID, "login_methods 必须是 %s 的非空子集");
        TEXTS.put(Reason.API_KEY_FORMAT_INVALID, "api_key 必须是 %s-%s 个不含空格的可见 ASCII 字符");
        TEXTS.put(Reason.KEY_LABEL_INVALID, "标签不能超过 100 个字符");
        TEXTS.put(Reason.API_KEY_EXISTS, "该 API Key 已注册");
        TEXTS.put(Reason.API_KEY_NOT_FOUND, "应用 %2$s 中没有有效的 API Key %1$s");

        TEXTS.put(Reason.RATE_LIMITED, "请求过于频繁,请 %s 秒后重试");
        TEXTS.put(Reason.UNAVAILABLE, "服务暂时不可用,请稍后重试");
        TEXTS.put(Reason.INTERNAL, "服务器内部错误");
    }

    private EnvelopeMessages() {
    }

    static String of(Problem problem) {
        String text = TEXTS.getOrDefault(problem.reason(), problem.reason().englishTemplate());
        return problem.arguments().isEmpty() ? text : text.formatted(problem.arguments().toArray());
    }

    /** Whether every reason has its Chinese text: a new reason without one is caught by a test, not by a user. */
    static boolean coversEveryReason() {
        return TEXTS.keySet().containsAll(java.util.EnumSet.allOf(Reason.class));
    }
}
