package io.passportsuite.passport.account;

import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Reason;
import io.passportsuite.passport.session.Sessions;

/**
 * Lets a disabled account log in again. The sessions that ended with the disabling stay ended:
 * the user logs in anew. Enabling an active account changes nothing.
 */
@Service
public class AccountEnabling {

    private final UserRepository users;
    private final Sessions sessions;
    private final TransactionTemplate transaction;

    AccountEnabling(UserRepository users, Sessions sessions, TransactionTemplate transaction) {
        this.users = users;
        this.sessions = sessions;
        this.transaction = transaction;
    }

    public Outcome<UUID> enable(String appId, UUID userId) {
        Boolean found = transaction.execute(status -> {
            if (users.findInApp(appId, userId).isEmpty()) {
                return false;
            }
            if (users.enable(userId)) {
                sessions.recordSecurityEvent(appId, userId, "enabled_by_administrator", "{}");
            }
            return true;
        });
        return Boolean.TRUE.equals(found) ? Outcome.success(userId) : Outcome.failure(Reason.USER_NOT_FOUND);
    }
}
