package io.passportsuite.admin.auth;

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
import io.passportsuite.admin.passport.AdminSession;
import io.passportsuite.admin.passport.Passport;
import io.passportsuite.admin.passport.PassportReply;

/**
 * An administrator logs in to the back office: passport checks the password (and that the account
 * is an active role-9 account of the platform app) and opens the session; the login is audited.
 */
@Service
public class LoggingIn {

    public static final String ACTION = "admin.login";

    private static final Logger log = LoggerFactory.getLogger(LoggingIn.class);

    private final Passport passport;
    private final AuditTrail trail;
    private final TransactionTemplate transactions;
    private final String appId;

    LoggingIn(Passport passport, AuditTrail trail, TransactionTemplate transactions, AdminSettings settings) {
        this.passport = passport;
        this.trail = trail;
        this.transactions = transactions;
        this.appId = settings.platformAppId();
    }

    /**
     * The transaction is open around the call to passport and commits the row only when passport
     * opened a session. Who logged in is known only from passport's answer, so the row follows the
     * call; if it cannot be written the tokens are never handed out and the login counts as failed.
     */
    public PassportReply<AdminSession> login(String identifier, String password, String clientIp, String userAgent,
            String requestId) {
        try {
            return transactions.execute(transaction -> {
                PassportReply<AdminSession> reply = passport.openAdminSession(identifier, password, clientIp, userAgent);
                if (reply instanceof PassportReply.Answered<AdminSession>(AdminSession session)) {
                    trail.record(new AuditedAction(appId, new Actor(UUID.fromString(session.admin().id()), clientIp, requestId),
                            ACTION, "admin", session.admin().id(), null, Map.of("username", session.admin().username())));
                } else {
                    transaction.setRollbackOnly();
                }
                return reply;
            });
        } catch (DataAccessException e) {
            log.error("The audit trail could not be written; the administrator's login is refused", e);
            return new PassportReply.Unavailable<>("audit trail");
        }
    }
}
