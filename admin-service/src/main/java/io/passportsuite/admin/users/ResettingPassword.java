package io.passportsuite.admin.users;

import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.passportsuite.admin.AdminSettings;
import io.passportsuite.admin.audit.Actor;
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

    private final Passport passport;
    private final AuditedCalls audited;
    private final String appId;

    ResettingPassword(Passport passport, AuditedCalls audited, AdminSettings settings) {
        this.passport = passport;
        this.audited = audited;
        this.appId = settings.platformAppId();
    }

    /**
     * The row is written first, in a transaction held open around the call to passport (see
     * {@link AuditedCalls#recordedFirst}). The row keeps that a reset happened, never the password.
     */
    public PassportReply<Void> reset(Actor actor, UUID userId, String newPassword) {
        return audited.recordedFirst(new AuditedAction(appId, actor, ACTION, "user", userId.toString(), null,
                Map.of("password", "reset", "sessions", "revoked")), () -> passport.resetPassword(appId, userId, newPassword));
    }
}
