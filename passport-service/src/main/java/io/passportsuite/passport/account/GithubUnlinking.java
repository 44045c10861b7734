package io.passportsuite.passport.account;

import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.passportsuite.passport.app.App;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Reason;
import io.passportsuite.passport.session.Sessions;

/**
 * A user removes the GitHub account linked to theirs, as long as another way to log in remains:
 * a password the app lets them log in with, or an email the app sends login codes to. Without one
 * the account would be lost.
 */
@Service
public class GithubUnlinking {

    private final LinkedIdentityRepository identities;
    private final UserRepository users;
    private final Sessions sessions;
    private final TransactionTemplate transaction;

    GithubUnlinking(LinkedIdentityRepository identities, UserRepository users, Sessions sessions, TransactionTemplate transaction) {
        this.identities = identities;
        this.users = users;
        this.sessions = sessions;
        this.transaction = transaction;
    }

    public Outcome<UUID> unlink(App app, UUID userId) {
        return transaction.execute(status -> {
            // Locked: a password removed meanwhile cannot leave the account with no way in.
            User user = users.lockInApp(app.appId(), userId).orElse(null);
            if (user == null) {
                return Outcome.failure(Reason.USER_NOT_FOUND);
            }
            if (!identities.linkedTo(userId, LinkedIdentityRepository.GITHUB)) {
                return Outcome.failure(Reason.GITHUB_NOT_LINKED);
            }
            // A password is a way in only where the app takes passwords.
            boolean otherWayIn = user.passwordHash() != null && app.allows(App.LOGIN_PASSWORD)
                    || user.email() != null && user.emailVerified() && app.allows(App.LOGIN_EMAIL_CODE);
            if (!otherWayIn) {
                return Outcome.failure(Reason.GITHUB_LAST_LOGIN_METHOD);
            }
            identities.unlink(userId, LinkedIdentityRepository.GITHUB);
            sessions.recordSecurityEvent(app.appId(), userId, "github_unlinked", "{}");
            return Outcome.success(userId);
        });
    }
}
