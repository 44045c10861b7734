package io.passportsuite.passport.account;

import java.util.Optional;

import org.springframework.stereotype.Service;

import io.passportsuite.passport.app.App;
import io.passportsuite.passport.code.CodePurpose;
import io.passportsuite.passport.code.VerificationCodes;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Reason;
import io.passportsuite.passport.session.ClientInfo;
import io.passportsuite.passport.session.Sessions;

/**
 * Login with a one-time code sent to the account's email or phone. The chat surface also signs
 * up this way: an unknown email with a valid code becomes a guest account.
 */
@Service
public class CodeLogin {

    private final VerificationCodes codes;
    private final UserRepository users;
    private final AccountRegistration registration;
    private final Sessions sessions;
    private final ProvingContact proving;

    CodeLogin(VerificationCodes codes, UserRepository users, AccountRegistration registration, Sessions sessions,
            ProvingContact proving) {
        this.codes = codes;
        this.users = users;
        this.registration = registration;
        this.sessions = sessions;
        this.proving = proving;
    }

    public Outcome<LoggedIn> login(App app, Contact contact, String code, boolean createGuest, ClientInfo client) {
        if (!app.allows(App.LOGIN_EMAIL_CODE)) {
            return Outcome.failure(Reason.CODE_LOGIN_NOT_ALLOWED);
        }
        if (!codes.consume(app.appId(), contact.value(), CodePurpose.LOGIN, code)) {
            return Outcome.failure(Reason.CODE_INVALID);
        }
        Optional<User> found = users.findByContact(app.appId(), contact);
        if (found.isPresent() && found.get().active()) {
            // Empty when the address was not the account's to prove: the prover has no account yet.
            found = proving.proven(found.get(), contact.kind());
        }
        boolean created = false;
        if (found.isEmpty() && createGuest && contact.isEmail()) {
            Outcome<User> guest = registration.register(app,
                    new NewAccount(null, null, null, contact.value(), null, null, true, false, App.LOGIN_EMAIL_CODE));
            if (guest instanceof Outcome.Failure<User> failure) {
                return Outcome.failure(failure.problem());
            }
            found = Optional.of(((Outcome.Success<User>) guest).value());
            created = true;
        }
        if (found.isEmpty()) {
            return Outcome.failure(Reason.CODE_INVALID);
        }
        if (!found.get().active()) {
            return Outcome.failure(Reason.ACCOUNT_DISABLED);
        }
        User user = found.get();
        boolean isNew = created;
        return sessions.open(app, user.id(), user.role(), App.LOGIN_EMAIL_CODE, client).map(tokens -> new LoggedIn(user, tokens, isNew));
    }
}
