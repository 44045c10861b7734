package io.passportsuite.asset.web;

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
}
