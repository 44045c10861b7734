package io.passportsuite.passport.account;

import java.util.Locale;

/**
 * Which of an app's users an operator lists: {@code prefix} matches the start of the username,
 * email, phone or nickname regardless of case; the others are exact. A null field does not filter.
 */
public record UserFilter(String prefix, Integer role, Boolean disabled, Boolean emailVerified) {

    public static final UserFilter NONE = new UserFilter(null, null, null, null);
    public static final int MAX_PREFIX_LENGTH = 100;

    public boolean none() {
        return prefix == null && role == null && disabled == null && emailVerified == null;
    }

    /** The prefix as a LIKE pattern: its wildcards taken literally, lower-cased by the database as the indexes are. */
    String likePattern() {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").toLowerCase(Locale.ROOT) + "%";
    }
}
