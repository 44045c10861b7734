package io.passportsuite.admin.web;

import io.passportsuite.common.error.ErrorCode;

/**
 * A request refused by a controller before or after its use case (a field missing, a page out of
 * range, an outcome that is a failure); {@link RequestErrorAdvice} answers it as an envelope with
 * {@code code}, {@code status} and the Chinese {@code message}.
 */
public final class Refusal extends RuntimeException {

    private final ErrorCode code;
    private final int status;
    private final String retryAfterSeconds;

    public Refusal(ErrorCode code, int status, String message) {
        this(code, status, message, null);
    }

    public Refusal(ErrorCode code, int status, String message, String retryAfterSeconds) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** With the code's own status. */
    public Refusal(ErrorCode code, String message) {
        this(code, code.httpStatus(), message);
    }

    public ErrorCode code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** Passed on as {@code Retry-After}; null for none. */
    public String retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
