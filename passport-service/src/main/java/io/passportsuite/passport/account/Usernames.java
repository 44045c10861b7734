package io.passportsuite.passport.account;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Pattern;

/** The username rule of the envelope surface (1-50 of letters, digits, '_'), and generated names. */
final class Usernames {

    private static final Pattern VALID = Pattern.compile("^[a-zA-Z0-9_]{1,50}$");
    private static final Pattern INVALID_CHARS = Pattern.compile("[^a-zA-Z0-9_]");
    private static final SecureRandom random = new SecureRandom();

    private Usernames() {
    }

    static boolean valid(String username) {
        return username != null && VALID.matcher(username).matches();
    }

    /** A candidate derived from a hint (email local part or display name) plus a random suffix. */
    static String candidate(String hint) {
        String base = hint == null ? "" : INVALID_CHARS.matcher(hint.toLowerCase(Locale.ROOT)).replaceAll("");
        if (base.isEmpty()) {
            base = "user";
        }
        if (base.length() > 20) {
            base = base.substring(0, 20);
        }
        return base + "_" + (100_000 + random.nextInt(900_000));
    }
}
