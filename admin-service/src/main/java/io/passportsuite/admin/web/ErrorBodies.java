package io.passportsuite.admin.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import io.passportsuite.common.error.Envelope;
import io.passportsuite.common.error.ErrorCode;

/** The back office speaks the envelope, with messages in Chinese as its reference writes them. */
final class ErrorBodies {

    static final String NO_TOKEN = "未登录或登录已失效";
    static final String ADMINS_ONLY = "权限不足，仅管理员可操作";

    private ErrorBodies() {
    }

    static ResponseEntity<Object> envelope(Refusal refusal) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(refusal.status()).contentType(MediaType.APPLICATION_JSON);
        if (refusal.retryAfterSeconds() != null) {
            builder.header(HttpHeaders.RETRY_AFTER, refusal.retryAfterSeconds());
        }
        return builder.body(Envelope.failure(refusal.code(), refusal.getMessage()));
    }

    static ResponseEntity<Object> envelope(ErrorCode code, String message) {
        return envelope(new Refusal(code, message));
    }
}
