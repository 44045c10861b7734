package io.passportsuite.passport.account;

/** How a login names the account: by a given kind of identifier, or by whichever one matches. */
public sealed interface LoginIdentifier {

    String value();

    record Email(String value) implements LoginIdentifier {
    }

    record Phone(String value) implements LoginIdentifier {
    }

    /** Username, email or phone, told apart by shape (the envelope surface's {@code identifier}). */
    record Any(String value) implements LoginIdentifier {
    }
}
