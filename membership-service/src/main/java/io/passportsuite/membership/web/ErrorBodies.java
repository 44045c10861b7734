package io.passportsuite.membership.web;

import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import io.passportsuite.common.error.Envelope;
import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.common.error.PlainError;
import io.passportsuite.common.web.Surface;

/**
 * Error answers in each surface's format: plain {@code {"error","message"}} on the chat and
 * internal surfaces, the envelope with a Chinese message on the admin surface.
 */
public final class ErrorBodies {

    private static final Map<ErrorCode, String> CHINESE = Map.of(
            ErrorCode.INVALID_TOKEN, "未登录或登录已失效",
            ErrorCode.FORBIDDEN, "权限不足，仅管理员可操作",
            ErrorCode.MALFORMED_REQUEST, "请求格式错误",
            ErrorCode.VALIDATION_FAILED, "参数错误",
            ErrorCode.NOT_FOUND, "邀请码不存在",
            ErrorCode.METHOD_NOT_ALLOWED, "不支持的请求方法",
            ErrorCode.UNSUPPORTED_MEDIA_TYPE, "不支持的内容类型",
            ErrorCode.INTERNAL_ERROR, "服务器内部错误");

    private ErrorBodies() {
    }

    public static ResponseEntity<Object> plain(ErrorCode code, String message) {
        return respond(code, PlainError.of(code, message));
    }

    /** {@code message} in Chinese; null for the code's usual one. */
    public static ResponseEntity<Object> envelope(ErrorCode code, String message) {
        return respond(code, Envelope.failure(code, message != null ? message : CHINESE.getOrDefault(code, "操作失败")));
    }

    /** For the plumbing, which knows the surface but has only an English message. */
    static ResponseEntity<Object> on(Surface surface, ErrorCode code, String message) {
        return surface == Surface.ENVELOPE ? envelope(code, null) : plain(code, message);
    }

    public static ResponseEntity<Object> respond(ErrorCode code, Object body) {
        return ResponseEntity.status(code.httpStatus()).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
