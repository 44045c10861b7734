package io.passportsuite.passport.account;

import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.passportsuite.common.eventing.OutboxWriter;
import io.passportsuite.common.events.Topics;
import io.passportsuite.common.events.user.SessionRevoked;
import io.passportsuite.common.events.user.UserDeleted;
import io.passportsuite.passport.code.VerificationCodes;
import io.passportsuite.passport.membership.CapabilityProjection;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Reason;
import io.passportsuite.passport.session.Sessions;

/**
 * Erases an account: its row and everything passport keeps of it (sessions and their refresh tokens,
 * its security history, the codes sent to its email and phone, its capabilities), and announces
 * {@code user.deleted} with the avatar it had, all in one transaction. The live sessions are revoked
 * before they are erased: the gateway hears of each ({@code user.session-revoked}) and refuses the
 * access tokens still in circulation, which passport refuses already since their session is gone.
 */
@Service
public class DeletingAccount {

    private final UserRepository users;
    private final Sessions sessions;
    private final VerificationCodes codes;
    private final CapabilityProjection capabilities;
    private final OutboxWriter outbox;
    private final TransactionTemplate transaction;

    DeletingAccount(UserRepository users, Sessions sessions, VerificationCodes codes, CapabilityProjection capabilities,
            OutboxWriter outbox, TransactionTemplate transaction) {
        this.users = users;
        this.sessions = sessions;
        this.codes = codes;
        this.capabilities = capabilities;
        this.outbox = outbox;
        this.transaction = transaction;
    }

    /** What was deleted: the avatar the account had (null when none) and how many live sessions ended with it. */
    public record Deleted(UUID userId, String avatarUrl, int sessionsEnded) {
    }

    /** Another app's user is not found, like an unknown id: deleting twice finds nothing the second time. */
    public Outcome<Deleted> delete(String appId, UUID userId) {
        Deleted deleted = transaction.execute(status -> {
            // The row lock makes a concurrent edit or login wait for the deletion, then find no one.
            User user = users.lockInApp(appId, userId).orElse(null);
            if (user == null) {
                return null;
            }
            int ended = sessions.revokeAllOfUser(userId, SessionRevoked.USER_DELETED).size();
            sessions.eraseAllOfUser(userId);
            codes.eraseSentTo(appId, user.email());
            codes.eraseSentTo(appId, user.phone());
            capabilities.forget(appId, userId);
            users.delete(userId);
            outbox.append(Topics.USER_EVENTS, UserDeleted.TYPE, UserDeleted.VERSION, appId, userId.toString(),
                    new UserDeleted(userId, user.avatarUrl()));
            return new Deleted(userId, user.avatarUrl(), ended);
        });
        return deleted == null ? Outcome.failure(Reason.USER_NOT_FOUND) : Outcome.success(deleted);
    }
}
