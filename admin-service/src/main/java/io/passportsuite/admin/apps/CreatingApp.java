package io.passportsuite.admin.apps;


import org.springframework.stereotype.Service;

import io.passportsuite.admin.audit.Actor;
import io.passportsuite.admin.audit.AuditedAction;
import io.passportsuite.admin.audit.AuditedCall;
import io.passportsuite.admin.passport.AppSettingsChange;
import io.passportsuite.admin.passport.Passport;
import io.passportsuite.admin.passport.PassportApp;
import io.passportsuite.admin.passport.PassportReply;

/** An operator opens a tenant: passport checks the id and settings and fills in what was left out. */
@Service
public class CreatingApp {

    public static final String ACTION = "app.create";

    private final Passport passport;
    private final AuditedCall audited;

    CreatingApp(Passport passport, AuditedCall audited) {
        this.passport = passport;
        this.audited = audited;
    }

    /** Audited with the settings passport created the app with, defaults included. */
    public PassportReply<PassportApp> create(Actor actor, String appId, AppSettingsChange settings) {
        return audited.run(() -> passport.createApp(appId, settings),
                reply -> AppAudit.rowOf(reply, app -> new AuditedAction(app.appId(), actor, ACTION, AppAudit.APP, app.appId(),
                                null, AppAudit.settingsOf(app)),
                        new AuditedAction(appId, actor, ACTION, AppAudit.APP, appId, null, AppAudit.settingsOf(settings))),
                () -> new PassportReply.Unavailable<>("audit trail"));
    }
}
