package io.passportsuite.passport.app;

import java.util.Optional;

import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;

/**
 * An app's rule for passwords. The envelope surface's reference asks for 8-128 characters with
 * a letter and a digit; the canonical API allows 6-100; so it is a setting of each app.
 */
public record PasswordPolicy(int minLength, int maxLength, boolean letterAndDigit) {

    public static final PasswordPolicy DEFAULT = new PasswordPolicy(8, 128, true);

    /** Why {@code password} breaks the policy, or empty when it does not. */
    public Optional<Problem> violation(String password) {
        if (password == null || password.isEmpty()) {
            return Optional.of(Problem.of(Reason.PASSWORD_REQUIRED));
        }
        int length = password.codePointCount(0, password.length());
        if (length < minLength || length > maxLength) {
            return Optional.of(Problem.of(Reason.PASSWORD_LENGTH, minLength, maxLength));
        }
        if (letterAndDigit && !(password.codePoints().anyMatch(Character::isLetter)
                && password.codePoints().anyMatch(Character::isDigit))) {
            return Optional.of(Problem.of(Reason.PASSWORD_LETTER_AND_DIGIT));
        }
        return Optional.empty();
    }
}
