package io.passportsuite.admin.api.envelope;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.passportsuite.admin.passport.PassportReply;
import io.passportsuite.admin.web.Refusal;
import io.passportsuite.common.error.ErrorCode;

/**
 * What the administrator is told when passport did not answer a call with what was asked: the
 * endpoint's documented code for their own mistakes (bad paging, unknown user or session, a password
 * the policy refuses, a username, email or phone taken: 409), 429 passed on with its
 * {@code Retry-After}, and 503 for everything that is no fault of theirs.
 */
final class PassportRefusals {

    static final String UNAVAILABLE = "服务暂时不可用,请稍后重试";
    static final String NO_SUCH_USER = "用户不存在";
    static final String NO_SUCH_SESSION = "会话不存在";

    private static final Logger log = LoggerFactory.getLogger(PassportRefusals.class);
    private static final Pattern PASSWORD_LENGTH = Pattern.compile("password must be (\\d+)-(\\d+) characters");

    private PassportRefusals() {
    }

    static Refusal of(PassportReply<?> reply, ErrorCode failsAs) {
        return switch (reply) {
            case PassportReply.Refused<?> refused when refused.status() == 429 -> new Refusal(ErrorCode.RATE_LIMITED, 429,
                    refused.retryAfter() == null ? "请求过于频繁,请稍后重试" : "请求过于频繁,请 " + refused.retryAfter() + " 秒后重试",
                    refused.retryAfter());
            case PassportReply.Refused<?> refused when refused.status() == 404 && "USER_NOT_FOUND".equals(refused.error()) ->
                    new Refusal(failsAs, 404, NO_SUCH_USER);
            case PassportReply.Refused<?> refused when refused.status() == 404 && "NOT_FOUND".equals(refused.error()) ->
                    new Refusal(failsAs, 404, NO_SUCH_SESSION);
            case PassportReply.Refused<?> refused when refused.status() == 400 -> new Refusal(failsAs, 400, chinese(refused.message()));
            case PassportReply.Refused<?> refused when refused.status() == 409 -> new Refusal(failsAs, 409, chinese(refused.message()));
            case PassportReply.Refused<?> refused -> {
                // An unknown platform app and the like: the deployment's fault, not the administrator's.
                log.error("Passport refused a back-office call: {} {} {}", refused.status(), refused.error(), refused.message());
                yield new Refusal(ErrorCode.SERVICE_UNAVAILABLE, 503, UNAVAILABLE);
            }
            case PassportReply.Unavailable<?> unavailable -> new Refusal(ErrorCode.SERVICE_UNAVAILABLE, 503, UNAVAILABLE);
            case PassportReply.Answered<?> answered -> throw new IllegalArgumentException("an answer is no refusal");
        };
    }

    /** Passport's internal API speaks English; the back office speaks Chinese, as its reference does. */
    static String chinese(String message) {
        if (message == null) {
            return "请求参数错误";
        }
        Matcher length = PASSWORD_LENGTH.matcher(message);
        if (length.find()) {
            return "密码长度必须为 " + length.group(1) + "-" + length.group(2) + " 个字符";
        }
        if (message.contains("password must contain a letter and a digit")) {
            return "密码必须同时包含字母和数字";
        }
        if (message.contains("password is required") || message.contains("new_password is required")) {
            return "请输入新密码";
        }
        if (message.contains("username already exists")) {
            return "用户名已存在";
        }
        if (message.contains("email already registered")) {
            return "邮箱已被注册";
        }
        if (message.contains("phone already registered")) {
            return "手机号已被注册";
        }
        if (message.startsWith("after must be a next cursor")) {
            return "after 必须是上一页返回的 next";
        }
        if (message.startsWith("limit must be")) {
            return "limit 必须为 1-1000 的整数,offset 必须是不小于 0 的整数";
        }
        return "请求参数错误";
    }
}
