package io.passportsuite.passport.account;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.passportsuite.common.events.user.SessionRevoked;
import io.passportsuite.passport.app.App;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;
import io.passportsuite.passport.password.PasswordCheck;
import io.passportsuite.passport.password.PasswordHasher;
import io.passportsuite.passport.session.Sessions;

/**
 * The signed-in user sets a new password by proving the old one. The user's other sessions end;
 * the current one stays signed in. (A forgotten password is {@link PasswordReset}.)
 */
@Service
public class PasswordChange {

    private final UserRepository users;
    private final PasswordHasher passwords;
    private final Sessions sessions;
    private final TransactionTemplate transaction;

    PasswordChange(UserRepository users, PasswordHasher passwords, Sessions sessions, TransactionTemplate transaction) {
        this.users = users;
        this.passwords = passwords;
        this.sessions = sessions;
        this.transaction = transaction;
    }

    public Outcome<UUID> change(App app, UUID userId, UUID currentSession, String oldPassword, String newPassword) {
        Optional<User> found = users.findInApp(app.appId(), userId);
        if (found.isEmpty()) {
            return Outcome.failure(Reason.USER_NOT_FOUND);
        }
        if (oldPassword == null || oldPassword.length() > PasswordLogin.MAX_PASSWORD_LENGTH || found.get().passwordHash() == null
                || passwords.verify(oldPassword, found.get().passwordHash()) == PasswordCheck.MISMATCH) {
            return Outcome.failure(Reason.OLD_PASSWORD_WRONG);
        }
        Optional<Problem> weak = app.passwordPolicy().violation(newPassword);
        if (weak.isPresent()) {
            return Outcome.failure(weak.get());
        }
        return store(userId, passwords.hash(newPassword), currentSession, found.get().passwordHash());
    }

    /**
     * Stores {@code hash} and ends the user's sessions but {@code keepSession}. {@code expectedHash}
     * null: whatever the password was (a reset); else only if it is still that one.
     */
    Outcome<UUID> store(UUID userId, String hash, UUID keepSession, String expectedHash) {
        Boolean stored = transaction.execute(status -> {
            if (expectedHash == null) {
                users.updatePasswordHash(userId, hash);
            } else if (!users.replacePasswordHash(userId, expectedHash, hash)) {
                return false;
            }
            sessions.revokeAllOfUserExcept(userId, keepSession, SessionRevoked.PASSWORD_CHANGED);
            return true;
        });
        return Boolean.TRUE.equals(stored) ? Outcome.success(userId) : Outcome.failure(Reason.OLD_PASSWORD_WRONG);
    }
}
