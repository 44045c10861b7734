package io.passportsuite.passport.account;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.passportsuite.common.events.user.SessionRevoked;
import io.passportsuite.passport.app.App;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.password.PasswordCheck;
import io.passportsuite.passport.password.PasswordHasher;
import io.passportsuite.passport.session.Sessions;

/**
 * Setting a new password: by proving the old one (change), or by a reset code (reset). Either
 * way the user's other sessions end, and neither logs anybody in.
 */
@Service
public class PasswordChange {

    private final UserRepository users;
    private final PasswordHasher passwords;
    private final Sessions sessions;
    private final TransactionTemplate transaction;
    private final ProvingContact proving;

    PasswordChange(UserRepository users, PasswordHasher passwords, Sessions sessions, TransactionTemplate transaction,
            ProvingContact proving) {
        this.users = users;
        this.passwords = passwords;
        this.sessions = sessions;
        this.transaction = transaction;
        this.proving = proving;
    }

    /** The signed-in user changes their password; {@code currentSession} stays signed in. */
    public Outcome<UUID> change(App app, UUID userId, UUID currentSession, String oldPassword, String newPassword) {
        Optional<User> found = users.findInApp(app.appId(), userId);
        if (found.isEmpty()) {
            return Outcome.failure(Problem.Kind.USER_NOT_FOUND, "no such user");
        }
        if (oldPassword == null || oldPassword.length() > PasswordLogin.MAX_PASSWORD_LENGTH || found.get().passwordHash() == null
                || passwords.verify(oldPassword, found.get().passwordHash()) == PasswordCheck.MISMATCH) {
            return Outcome.failure(Problem.Kind.BAD_CREDENTIALS, "the old password is wrong");
        }
        return setPassword(app, userId, newPassword, currentSession, found.get().passwordHash());
    }

    /** Sets a password after a reset code proved control of the account's {@code contact}. */
    public Outcome<UUID> reset(App app, User user, ProvingContact.Contact contact, String newPassword) {
        Optional<String> weak = app.passwordPolicy().violation(newPassword);
        if (weak.isPresent()) {
            return Outcome.failure(Problem.invalid(weak.get()));
        }
        // Hash first: when hashing is saturated the code and the old password are both still there to retry with.
        String hash = passwords.hash(newPassword);
        if (proving.proven(user, contact).isEmpty()) {
            // The address was removed from the account it was given to: as if it had none.
            return Outcome.failure(Problem.Kind.INVALID_CODE, "the code is wrong, expired or used");
        }
        return store(user.id(), hash, null, null);
    }

    private Outcome<UUID> setPassword(App app, UUID userId, String newPassword, UUID keepSession, String oldHash) {
        Optional<String> weak = app.passwordPolicy().violation(newPassword);
        if (weak.isPresent()) {
            return Outcome.failure(Problem.invalid(weak.get()));
        }
        return store(userId, passwords.hash(newPassword), keepSession, oldHash);
    }

    /** {@code expectedHash} null: whatever the password was (a reset); else only if it is still that one. */
    private Outcome<UUID> store(UUID userId, String hash, UUID keepSession, String expectedHash) {
        Boolean stored = transaction.execute(status -> {
            if (expectedHash == null) {
                users.updatePasswordHash(userId, hash);
            } else if (!users.replacePasswordHash(userId, expectedHash, hash)) {
                return false;
            }
            sessions.revokeAllOfUserExcept(userId, keepSession, SessionRevoked.PASSWORD_CHANGED);
            return true;
        });
        return Boolean.TRUE.equals(stored) ? Outcome.success(userId)
                : Outcome.failure(Problem.Kind.BAD_CREDENTIALS, "the old password is wrong");
    }
}
