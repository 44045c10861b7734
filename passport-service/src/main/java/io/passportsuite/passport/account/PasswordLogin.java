package io.passportsuite.passport.account;

import java.util.Optional;
import java.util.function.Predicate;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.passportsuite.common.eventing.OutboxWriter;
import io.passportsuite.common.events.Topics;
import io.passportsuite.common.events.user.LoginFailed;
import io.passportsuite.common.identity.Contacts;
import io.passportsuite.passport.app.App;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Reason;
import io.passportsuite.passport.password.HashingSaturated;
import io.passportsuite.passport.password.PasswordCheck;
import io.passportsuite.passport.password.PasswordHasher;
import io.passportsuite.passport.session.ClientInfo;
import io.passportsuite.passport.session.SessionTokens;
import io.passportsuite.passport.session.Sessions;

/**
 * Login with a password. An unknown account costs the same hash time and gets the same answer
 * as a wrong password, so neither timing nor wording tells which accounts exist. A hash made
 * with older parameters is replaced after a successful login.
 */
@Service
public class PasswordLogin {

    /** Longer than any policy allows: refused before hashing, at no cost. */
    static final int MAX_PASSWORD_LENGTH = 128;

    private final UserRepository users;
    private final PasswordHasher passwords;
    private final Sessions sessions;
    private final OutboxWriter outbox;
    private final TransactionTemplate transaction;

    PasswordLogin(UserRepository users, PasswordHasher passwords, Sessions sessions, OutboxWriter outbox,
            TransactionTemplate transaction) {
        this.users = users;
        this.passwords = passwords;
        this.sessions = sessions;
        this.outbox = outbox;
        this.transaction = transaction;
    }

    public Outcome<LoggedIn> login(App app, LoginIdentifier identifier, String password, ClientInfo client) {
        return login(app, identifier, password, client, user -> true);
    }

    /**
     * {@code admitted}: the accounts this login is open to; any other is answered as an unknown
     * account, at the same cost, so the answer does not tell that it exists.
     */
    Outcome<LoggedIn> login(App app, LoginIdentifier identifier, String password, ClientInfo client, Predicate<User> admitted) {
        if (identifier.value() == null || identifier.value().isBlank() || identifier.value().length() > 254) {
            return Outcome.failure(Reason.IDENTIFIER_REQUIRED);
        }
        if (password == null || password.isEmpty() || password.length() > MAX_PASSWORD_LENGTH) {
            return Outcome.failure(password == null || password.isEmpty() ? Reason.PASSWORD_REQUIRED : Reason.WRONG_CREDENTIALS);
        }
        if (!app.allows(App.LOGIN_PASSWORD)) {
            return Outcome.failure(Reason.PASSWORD_LOGIN_NOT_ALLOWED);
        }
        Optional<User> found = find(app.appId(), identifier).filter(admitted);
        if (found.isEmpty() || found.get().passwordHash() == null) {
            passwords.verifyAgainstDummy(password);
            return Outcome.failure(Reason.WRONG_CREDENTIALS);
        }
        User user = found.get();
        PasswordCheck check = passwords.verify(password, user.passwordHash());
        if (check == PasswordCheck.MISMATCH) {
            recordFailure(user, LoginFailed.WRONG_PASSWORD, client);
            return Outcome.failure(Reason.WRONG_CREDENTIALS);
        }
        if (!user.active()) {
            recordFailure(user, LoginFailed.ACCOUNT_DISABLED, client);
            return Outcome.failure(Reason.ACCOUNT_DISABLED);
        }
        String verifiedHash = check == PasswordCheck.MATCH_NEEDS_REHASH ? rehashed(user, password) : user.passwordHash();
        // The password was right a moment ago; the session opens only if it still is the account's.
        // An account deleted meanwhile has no password either: the same wrong credentials.
        Outcome<SessionTokens> opened = transaction.execute(status -> users.holdPassword(user.id(), verifiedHash)
                ? sessions.open(app, user.id(), user.role(), App.LOGIN_PASSWORD, client)
                : Outcome.<SessionTokens>failure(Reason.WRONG_CREDENTIALS));
        return switch (opened) {
            case Outcome.Success<SessionTokens>(SessionTokens tokens) -> Outcome.success(new LoggedIn(user, tokens, false));
            case Outcome.Failure<SessionTokens> failure when failure.problem().reason() == Reason.USER_NOT_FOUND ->
                    Outcome.failure(Reason.WRONG_CREDENTIALS);
            case Outcome.Failure<SessionTokens> failure -> Outcome.failure(failure.problem());
        };
    }

    /**
     * The hash with today's parameters, stored in place of the old one; the old one when hashing is
     * saturated (an upgrade can wait for another login, the login should not) or the hash changed
     * meanwhile.
     */
    private String rehashed(User user, String password) {
        try {
            String upgraded = passwords.hash(password);
            return users.replacePasswordHash(user.id(), user.passwordHash(), upgraded) ? upgraded : user.passwordHash();
        } catch (HashingSaturated saturated) {
            return user.passwordHash();
        }
    }

    private Optional<User> find(String appId, LoginIdentifier identifier) {
        return switch (identifier) {
            case LoginIdentifier.Email email -> Contacts.email(email.value()).flatMap(e -> users.findByEmail(appId, e));
            case LoginIdentifier.Phone phone -> Contacts.phone(phone.value()).flatMap(p -> users.findByPhone(appId, p));
            case LoginIdentifier.Any any -> {
                String value = any.value().strip();
                if (Contacts.looksLikeEmail(value)) {
                    yield Contacts.email(value).flatMap(e -> users.findByEmail(appId, e));
                }
                if (Contacts.looksLikePhone(value)) {
                    yield Contacts.phone(value).flatMap(p -> users.findByPhone(appId, p));
                }
                yield users.findByUsername(appId, value);
            }
        };
    }

    private void recordFailure(User user, String reason, ClientInfo client) {
        transaction.executeWithoutResult(status -> outbox.append(Topics.USER_EVENTS, LoginFailed.TYPE, LoginFailed.VERSION,
                user.appId(), user.id().toString(), new LoginFailed(user.id(), reason, client.ip())));
    }
}
