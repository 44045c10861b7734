package io.passportsuite.passport.account;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.passportsuite.passport.app.App;
import io.passportsuite.passport.app.AppRepository;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;
import io.passportsuite.passport.password.PasswordHasher;
import io.passportsuite.passport.session.Sessions;

/**
 * An administrator sets a user's password: the app's password policy applies, and every session
 * of the user ends (the gateway learns it from the revocation events), so whoever held the
 * account is signed out everywhere.
 */
@Service
public class AdminPasswordReset {

    private final UserRepository users;
    private final AppRepository apps;
    private final PasswordHasher passwords;
    private final PasswordChange change;
    private final Sessions sessions;

    AdminPasswordReset(UserRepository users, AppRepository apps, PasswordHasher passwords, PasswordChange change, Sessions sessions) {
        this.users = users;
        this.apps = apps;
        this.passwords = passwords;
        this.change = change;
        this.sessions = sessions;
    }

    public Outcome<UUID> reset(String appId, UUID userId, String newPassword) {
        Optional<App> app = apps.find(appId);
        if (app.isEmpty()) {
            return Outcome.failure(Reason.APP_UNKNOWN, appId);
        }
        if (users.findInApp(appId, userId).isEmpty()) {
            return Outcome.failure(Reason.USER_NOT_FOUND);
        }
        Optional<Problem> weak = app.get().passwordPolicy().violation(newPassword);
        if (weak.isPresent()) {
            return Outcome.failure(weak.get());
        }
        Outcome<UUID> stored = change.store(userId, passwords.hash(newPassword), null, null);
        stored.succeeded().ifPresent(id -> sessions.recordSecurityEvent(appId, id, "password_reset_by_administrator", "{}"));
        return stored;
    }
}
