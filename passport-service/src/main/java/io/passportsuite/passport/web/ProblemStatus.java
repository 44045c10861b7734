package io.passportsuite.passport.web;

import org.springframework.http.HttpStatus;

import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.passport.outcome.Problem;

/** The suite's error code and HTTP status for each kind of problem, the same on every surface. */
public final class ProblemStatus {

    private ProblemStatus() {
    }

    public static ErrorCode codeOf(Problem.Kind kind) {
        return switch (kind) {
            case INVALID_INPUT, NOT_ACCEPTABLE -> ErrorCode.VALIDATION_FAILED;
            case MALFORMED_REQUEST -> ErrorCode.MALFORMED_REQUEST;
            case PAYLOAD_TOO_LARGE -> ErrorCode.PAYLOAD_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case METHOD_NOT_ALLOWED -> ErrorCode.METHOD_NOT_ALLOWED;
            case UNKNOWN_APP -> ErrorCode.UNKNOWN_APP;
            case TENANT_MISMATCH -> ErrorCode.TENANT_MISMATCH;
            case FORBIDDEN -> ErrorCode.FORBIDDEN;
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
            case IDENTITY_REJECTED -> ErrorCode.GITHUB_OAUTH_FAILED;
            case LAST_LOGIN_METHOD -> ErrorCode.LAST_LOGIN_METHOD;
            case RATE_LIMITED -> ErrorCode.RATE_LIMITED;
            case SERVICE_UNAVAILABLE, UPSTREAM_UNAVAILABLE -> ErrorCode.SERVICE_UNAVAILABLE;
            case UPSTREAM_FAILED -> ErrorCode.UPSTREAM_FAILED;
            case INTERNAL_ERROR -> ErrorCode.INTERNAL_ERROR;
        };
    }

    public static HttpStatus statusOf(Problem.Kind kind) {
        // 406 has no code of its own: the client asked for a representation the endpoint does not have.
        return kind == Problem.Kind.NOT_ACCEPTABLE ? HttpStatus.NOT_ACCEPTABLE : HttpStatus.valueOf(codeOf(kind).httpStatus());
    }
}
