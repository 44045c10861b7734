package io.passportsuite.membership.web;

import io.passportsuite.common.error.ErrorCode;

/**
 * A request refused before it reached a use case (no identity, not an administrator, a body that
 * cannot be read); the error advice answers it in the format of the request's surface.
 */
public final class Refusal extends RuntimeException {

    private final ErrorCode code;

    public Refusal(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
