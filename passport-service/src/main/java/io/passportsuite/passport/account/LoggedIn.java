package io.passportsuite.passport.account;

import io.passportsuite.passport.session.SessionTokens;

/**
 * A user proved who they are and holds a new session: the one result of every way to log in
 * (password, code, a registration that signs in). {@code newAccount}: the account was created by
 * this login.
 */
public record LoggedIn(User user, SessionTokens tokens, boolean newAccount) {
}
