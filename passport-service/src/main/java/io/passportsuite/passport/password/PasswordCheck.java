package io.passportsuite.passport.password;

/** The outcome of checking a password against a stored hash. */
public enum PasswordCheck {

    MATCH,

    /**
     * The password is right but the stored hash was made with other parameters than the
     * configured ones: store a fresh {@link PasswordHasher#hash(String)} of it, which is how old
     * hashes get upgraded at the next successful login.
     */
    MATCH_NEEDS_REHASH,

    /** A wrong password, or a stored hash this service cannot read. */
    MISMATCH
}
