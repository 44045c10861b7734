package io.passportsuite.asset.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.common.error.PlainError;

/** Errors as the canonical surface writes them: {@code {"error": "CODE", "message": "..."}} with the code's status. */
public final class ErrorAnswers {

    private ErrorAnswers() {
    }

    public static ResponseEntity<Object> of(ErrorCode code, String message) {
        return ResponseEntity.status(code.httpStatus()).contentType(MediaType.APPLICATION_JSON).body(PlainError.of(code, message));
    }

    /** 503 with when to come back: the service is saturated, not broken. */
    public static ResponseEntity<Object> busy(long retryAfterSeconds) {
        return ResponseEntity.status(ErrorCode.SERVICE_UNAVAILABLE.httpStatus()).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
                .body(PlainError.of(ErrorCode.SERVICE_UNAVAILABLE, "The service is busy, try again later"));
    }
}
