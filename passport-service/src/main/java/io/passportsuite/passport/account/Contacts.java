package io.passportsuite.passport.account;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Normal forms of contact identifiers, so that one address is one account: emails trimmed with
 * a lower-case domain (the local part is kept as given, and compared without case), phone
 * numbers in E.164 ({@code +} and 8 to 15 digits; spaces, dashes, dots and brackets dropped).
 */
public final class Contacts {

    static final int MAX_EMAIL_LENGTH = 254;
    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");
    private static final Pattern E164 = Pattern.compile("^\\+[1-9]\\d{7,14}$");
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s().-]");

    private Contacts() {
    }

    public static Optional<String> email(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String trimmed = raw.strip();
        if (trimmed.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(trimmed).matches()
                || trimmed.contains("..") || trimmed.startsWith(".") || trimmed.contains(".@")) {
            return Optional.empty();
        }
        int at = trimmed.lastIndexOf('@');
        return Optional.of(trimmed.substring(0, at) + "@" + trimmed.substring(at + 1).toLowerCase(Locale.ROOT));
    }

    public static Optional<String> phone(String raw) {
        if (raw == null || raw.length() > 32) {
            return Optional.empty();
        }
        String compact = PHONE_SEPARATORS.matcher(raw.strip()).replaceAll("");
        if (compact.startsWith("00")) {
            compact = "+" + compact.substring(2);
        }
        return E164.matcher(compact).matches() ? Optional.of(compact) : Optional.empty();
    }

    public static boolean looksLikeEmail(String identifier) {
        return identifier.indexOf('@') > 0;
    }

    public static boolean looksLikePhone(String identifier) {
        String s = identifier.strip();
        return s.startsWith("+") || s.startsWith("00");
    }
}
