package io.passportsuite.common.identity;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Normal forms of contact identifiers, so that one address is one account: emails trimmed with
 * a lower-case domain (the local part is kept as given, and compared without case), phone
 * numbers in E.164 ({@code +} and 8 to 15 digits; spaces, dashes, dots and brackets dropped, a
 * leading {@code 00} read as {@code +}). Passport stores and looks up accounts in these forms and
 * the gateway counts failed logins under {@link #accountKey}, so both agree on what one account is.
 */
public final class Contacts {

    public static final int MAX_EMAIL_LENGTH = 254;
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

    /**
     * One string per account for whatever a login names it by (email, phone or username): every
     * spelling passport takes for the same account gives the same key. Emails and usernames are
     * compared without case; a valid phone number is its E.164 form, however it was written. What
     * is neither a valid email nor a valid phone is trimmed and lower-cased.
     */
    public static String accountKey(String identifier) {
        String value = identifier.strip();
        if (looksLikeEmail(value)) {
            return email(value).orElse(value).toLowerCase(Locale.ROOT);
        }
        return phone(value).orElseGet(() -> value.toLowerCase(Locale.ROOT));
    }
}
