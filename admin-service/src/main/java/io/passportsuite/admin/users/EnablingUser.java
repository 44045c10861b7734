package io.passportsuite.admin.users;

import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.passportsuite.admin.AdminSettings;
import io.passportsuite.admin.audit.Actor;
import io.passportsuite.admin.audit.AuditedAction;
import io.passportsuite.admin.passport.Passport;
import io.passportsuite.admin.passport.PassportReply;

/** An administrator lets a disabled user log in again; the sessions ended on disabling stay ended. */
@Service
public class EnablingUser {

    public static final String ACTION = "user.enable";

    private final Passport passport;
    private final AuditedCalls audited;
    private final String appId;

    EnablingUser(Passport passport, AuditedCalls audited, AdminSettings settings) {
        this.passport = passport;
        this.audited = audited;
        this.appId = settings.platformAppId();
    }

    public PassportReply<Void> enable(Actor actor, UUID userId) {
        return audited.recordedFirst(new AuditedAction(appId, actor, ACTION, "user", userId.toString(), null,
                Map.of("disabled", false)), () -> passport.enableUser(appId, userId));
    }
}
