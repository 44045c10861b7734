package io.passportsuite.passport.web;

import org.springframework.http.ResponseEntity;

import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.passport.outcome.Problem;

/** The suite's error code and status for each kind of problem, rendered per surface. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static ErrorCode codeOf(Problem.Kind kind) {
        return switch (kind) {
            case INVALID_INPUT -> ErrorCode.VALIDATION_FAILED;
            case UNKNOWN_APP -> ErrorCode.UNKNOWN_APP;
            case TENANT_MISMATCH -> ErrorCode.TENANT_MISMATCH;
            case ACCOUNT_EXISTS -> ErrorCode.ACCOUNT_EXISTS;
            case BAD_CREDENTIALS -> ErrorCode.INVALID_CREDENTIALS;
            case ACCOUNT_DISABLED -> ErrorCode.ACCOUNT_DISABLED;
            case USER_NOT_FOUND -> ErrorCode.USER_NOT_FOUND;
            case NOT_FOUND -> ErrorCode.NOT_FOUND;
            case INVALID_TOKEN -> ErrorCode.INVALID_TOKEN;
            case INVALID_API_KEY -> ErrorCode.INVALID_API_KEY;
            case INVALID_REFRESH_TOKEN -> ErrorCode.INVALID_REFRESH_TOKEN;
            case REFRESH_TOKEN_REUSED -> ErrorCode.REFRESH_TOKEN_REUSED;
            case INVALID_CODE -> ErrorCode.INVALID_CODE;
            case RATE_LIMITED -> ErrorCode.RATE_LIMITED;
        };
    }

    public static ResponseEntity<Object> of(String path, Problem problem) {
        ResponseEntity<Object> response = ErrorResponses.of(path, codeOf(problem.kind()), problem.message());
        if (problem.retryAfter() == null) {
            return response;
        }
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .header("Retry-After", String.valueOf(problem.retryAfter().toSeconds()))
                .body(response.getBody());
    }
}
