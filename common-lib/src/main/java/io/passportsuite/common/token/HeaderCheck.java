package io.passportsuite.common.token;

/**
 * The outcome of {@link AccessTokenRules#checkHeader}: the key a token asks to be checked with, or
 * why it is refused before any key is looked up.
 */
public sealed interface HeaderCheck {

    record Accepted(String keyId) implements HeaderCheck {
    }

    record Refused(AccessTokenCheck.Reason reason) implements HeaderCheck {
    }
}
