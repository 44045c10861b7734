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
 * An administrator stops a user from logging in; passport ends every session of the user, so their
 * tokens are refused at the gateway too. Passport does not say whether the account was disabled
 * already (disabling is idempotent there), so the row's before is left unknown.
 */
@Service
public class DisablingUser {

    public static final String ACTION = "user.disable";

    private final Passport passport;
    private final AuditedCalls audited;
    private final String appId;

    DisablingUser(Passport passport, AuditedCalls audited, AdminSettings settings) {
        this.passport = passport;
        this.audited = audited;
        this.appId = settings.platformAppId();
    }

    public PassportReply<Void> disable(Actor actor, UUID userId) {
        return audited.recordedFirst(new AuditedAction(appId, actor, ACTION, "user", userId.toString(), null,
                Map.of("disabled", true, "sessions", "revoked")), () -> passport.disableUser(appId, userId));
    }
}
