package io.passportsuite.gateway.security;

/** The outcome of checking an access token: never an exception, whatever the token holds. */
sealed interface TokenCheck {

    record Valid(VerifiedUser user) implements TokenCheck {
    }

    /** {@code reason} is for logs and tests; clients only ever see {@code INVALID_TOKEN}. */
    record Invalid(String reason) implements TokenCheck {
    }
}
