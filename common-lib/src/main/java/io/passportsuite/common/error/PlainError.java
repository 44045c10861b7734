package io.passportsuite.common.error;

/**
 * The error body of the plain-JSON surfaces ({@code /auth/v1/*}, {@code /asset/v1/*},
 * {@code /api/*}): {@code {"error": "RATE_LIMITED", "message": "..."}}. The code is stable and
 * meant for programs; the message is for people and may change.
 */
public record PlainError(String error, String message) {

    public static PlainError of(ErrorCode code, String message) {
        return new PlainError(code.name(), message);
    }
}
