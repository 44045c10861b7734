package io.passportsuite.admin.users;

import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.passportsuite.admin.AdminSettings;
import io.passportsuite.admin.audit.Actor;
import io.passportsuite.admin.audit.AuditTrail;
import io.passportsuite.admin.audit.AuditedAction;
import io.passportsuite.admin.passport.Passport;
import io.passportsuite.admin.passport.PassportReply;

/**
 * An administrator sets a user's password; passport checks it against the app's policy and ends
 * every session of the user. The audit row is part of the action: see {@link #reset}.
 */
@Service
public class ResettingPassword {

    public static final String ACTION = "user.reset_password";

    private static final Logger log = LoggerFactory.getLogger(ResettingPassword.class);

    private final Passport passport;
    private final AuditTrail trail;
    private final TransactionTemplate transactions;
    private final String appId;

    ResettingPassword(Passport passport, AuditTrail trail, TransactionTemplate transactions, AdminSettings settings) {
        this.passport = passport;
        this.trail = trail;
        this.transactions = transactions;
        this.appId = settings.platformAppId();
    }

    /**
     * The row is written first, in a transaction held open around the call to passport, and
     * committed only if passport reset the password: no reset happens that the trail cannot hold
     * (the insert fails first), and no row claims a reset that passport refused (rolled back).
     * The row keeps that a reset happened, never the password.
     */
    public PassportReply<Void> reset(Actor actor, UUID userId, String newPassword) {
        try {
            return transactions.execute(transaction -> {
                trail.record(new AuditedAction(appId, actor, ACTION, "user", userId.toString(), null,
                        Map.of("password", "reset", "sessions", "revoked")));
                PassportReply<Void> reply = passport.resetPassword(appId, userId, newPassword);
                if (!(reply instanceof PassportReply.Answered<Void>)) {
                    transaction.setRollbackOnly();
                }
                return reply;
            });
        } catch (DataAccessException e) {
            log.error("The audit trail could not be written; the password of {} was not reset", userId, e);
            return new PassportReply.Unavailable<>("audit trail");
        }
    }
}
