package io.passportsuite.passport.account;

import java.util.Optional;

import org.springframework.stereotype.Service;

import io.passportsuite.passport.app.App;
import io.passportsuite.passport.code.CodePurpose;
import io.passportsuite.passport.code.VerificationCodes;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.session.Sessions;
import io.passportsuite.passport.web.ClientInfo;

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

    /** {@code email} or {@code phone} names the account (one of them, already in normal form). */
    public Outcome<PasswordLogin.LoggedIn> login(App app, String email, String phone, String code, boolean createGuest, ClientInfo client) {
        if (!app.allows(App.LOGIN_EMAIL_CODE)) {
            return Outcome.failure(Problem.invalid("this app does not allow login with a code"));
        }
        String destination = email != null ? email : phone;
        if (!codes.consume(app.appId(), destination, CodePurpose.LOGIN, code)) {
            return Outcome.failure(Problem.Kind.INVALID_CODE, "the code is wrong, expired or used");
        }
        Optional<User> found = email != null ? users.findByEmail(app.appId(), email) : users.findByPhone(app.appId(), phone);
        if (found.isPresent() && found.get().active()) {
            // Empty when the address was not the account's to prove: the prover has no account yet.
            found = proving.proven(found.get(), email != null ? ProvingContact.Contact.EMAIL : ProvingContact.Contact.PHONE);
        }
        if (found.isEmpty() && createGuest && email != null) {
            Outcome<User> created = registration.register(app,
                    new NewAccount(null, null, null, email, null, null, true, false, App.LOGIN_EMAIL_CODE));
            if (created instanceof Outcome.Failure<User> failure) {
                return Outcome.failure(failure.problem());
            }
            found = Optional.of(((Outcome.Success<User>) created).value());
        }
        if (found.isEmpty()) {
            return Outcome.failure(Problem.Kind.INVALID_CODE, "the code is wrong, expired or used");
        }
        if (!found.get().active()) {
            return Outcome.failure(Problem.Kind.ACCOUNT_DISABLED, PasswordLogin.DISABLED);
        }
        User user = found.get();
        return Outcome.success(new PasswordLogin.LoggedIn(user, sessions.open(app, user, App.LOGIN_EMAIL_CODE, client)));
    }
}
