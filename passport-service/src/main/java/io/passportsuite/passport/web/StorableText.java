package io.passportsuite.passport.web;

import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;

/**
 * Text the service can store and compare: PostgreSQL refuses NUL in text columns, and an unpaired
 * UTF-16 surrogate is no character at all (it cannot be encoded as UTF-8). Both are refused where
 * a request is read, so no use case ever sees them.
 */
public final class StorableText {

    private StorableText() {
    }

    public static boolean isStorable(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0' || Character.isLowSurrogate(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    /** @throws Problem.Raised naming {@code what} when the text is not storable */
    public static void require(String what, CharSequence text) {
        if (text != null && !isStorable(text)) {
            throw Problem.of(Reason.TEXT_UNSTORABLE, what).raise();
        }
    }
}
