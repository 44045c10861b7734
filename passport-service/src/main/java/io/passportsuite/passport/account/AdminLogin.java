package io.passportsuite.passport.account;

import org.springframework.stereotype.Service;

import io.passportsuite.passport.app.DefaultApp;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Reason;
import io.passportsuite.passport.session.ClientInfo;

/**
 * Login to the back office: a password login to the platform app (the default app) open only to
 * its active administrators (role 9). A wrong password, an unknown identifier, an account that is
 * no administrator and a disabled one all get {@link Reason#ADMIN_LOGIN_FAILED} at the same hash
 * cost, so the answer tells nothing about which accounts exist or what they may do.
 */
@Service
public class AdminLogin {

    private final PasswordLogin passwordLogin;
    private final DefaultApp platform;

    AdminLogin(PasswordLogin passwordLogin, DefaultApp platform) {
        this.passwordLogin = passwordLogin;
        this.platform = platform;
    }

    public Outcome<LoggedIn> login(String identifier, String password, ClientInfo client) {
        Outcome<LoggedIn> outcome = passwordLogin.login(platform.get(), new LoginIdentifier.Any(identifier), password, client,
                user -> user.role() == User.ROLE_ADMIN);
        if (outcome instanceof Outcome.Failure<LoggedIn>(var problem)
                && (problem.reason() == Reason.WRONG_CREDENTIALS || problem.reason() == Reason.ACCOUNT_DISABLED)) {
            return Outcome.failure(Reason.ADMIN_LOGIN_FAILED);
        }
        return outcome;
    }
}
