package io.passportsuite.passport.app;

import java.util.Optional;

/**
 * An app's rule for passwords. The envelope surface's reference asks for 8-128 characters with
 * a letter and a digit; the canonical API allows 6-100; so it is a setting of each app.
 */
public record PasswordPolicy(int minLength, int maxLength, boolean letterAndDigit) {

    public static final PasswordPolicy DEFAULT = new PasswordPolicy(8, 128, true);

    /** Why {@code password} breaks the policy, or empty when it does not. */
    public Optional<String> violation(String password) {
        if (password == null || password.isEmpty()) {
            return Optional.of("password is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < minLength || length > maxLength) {
            return Optional.of("password must be " + minLength + "-" + maxLength + " characters");
        }
        if (letterAndDigit && !(password.codePoints().anyMatch(Character::isLetter)
                && password.codePoints().anyMatch(Character::isDigit))) {
            return Optional.of("password must contain a letter and a digit");
        }
        return Optional.empty();
    }
}
