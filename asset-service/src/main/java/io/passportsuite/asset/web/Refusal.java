package io.passportsuite.asset.web;

import io.passportsuite.common.error.ErrorCode;

/** A request refused before or instead of a use case; the error advice answers it in the canonical format. */
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
