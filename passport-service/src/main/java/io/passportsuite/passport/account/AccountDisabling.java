package io.passportsuite.passport.account;

import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.passportsuite.common.eventing.OutboxWriter;
import io.passportsuite.common.events.Topics;
import io.passportsuite.common.events.user.SessionRevoked;
import io.passportsuite.common.events.user.UserDisabled;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Reason;
import io.passportsuite.passport.session.Sessions;

/** Disables an account: it can no longer log in, and its sessions (so its tokens) end now. */
@Service
public class AccountDisabling {

    private final UserRepository users;
    private final Sessions sessions;
    private final OutboxWriter outbox;
    private final TransactionTemplate transaction;

    AccountDisabling(UserRepository users, Sessions sessions, OutboxWriter outbox, TransactionTemplate transaction) {
        this.users = users;
        this.sessions = sessions;
        this.outbox = outbox;
        this.transaction = transaction;
    }

    public Outcome<UUID> disable(String appId, UUID userId, String reason) {
        Boolean found = transaction.execute(status -> {
            if (users.findInApp(appId, userId).isEmpty()) {
                return false;
            }
            if (users.disable(userId)) {
                sessions.revokeAllOfUser(userId, SessionRevoked.USER_DISABLED);
                outbox.append(Topics.USER_EVENTS, UserDisabled.TYPE, UserDisabled.VERSION, appId, userId.toString(),
                        new UserDisabled(userId, reason));
            }
            return true;
        });
        return Boolean.TRUE.equals(found) ? Outcome.success(userId) : Outcome.failure(Reason.USER_NOT_FOUND);
    }
}
