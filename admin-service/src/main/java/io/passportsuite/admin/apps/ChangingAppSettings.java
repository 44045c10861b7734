package io.passportsuite.admin.apps;


import org.springframework.stereotype.Service;

import io.passportsuite.admin.audit.Actor;
import io.passportsuite.admin.audit.AuditedAction;
import io.passportsuite.admin.audit.AuditedCall;
import io.passportsuite.admin.passport.AppSettingsChange;
import io.passportsuite.admin.passport.Passport;
import io.passportsuite.admin.passport.PassportReply;
import io.passportsuite.admin.passport.SettingsChanged;

/**
 * An operator changes an app's settings. Passport checks them as a whole and answers them before
 * and after, which is what the trail keeps: the state the change really replaced, not a guess read
 * beforehand. Passport's API calls see the change within its key cache's few seconds.
 */
@Service
public class ChangingAppSettings {

    public static final String ACTION = "app.update_settings";

    private final Passport passport;
    private final AuditedCall audited;

    ChangingAppSettings(Passport passport, AuditedCall audited) {
        this.passport = passport;
        this.audited = audited;
    }

    public PassportReply<SettingsChanged> change(Actor actor, String appId, AppSettingsChange change) {
        return audited.run(() -> passport.changeApp(appId, change),
                reply -> AppAudit.rowOf(reply, changed -> new AuditedAction(appId, actor, ACTION, AppAudit.APP, appId,
                                AppAudit.settingsOf(changed.before()), AppAudit.settingsOf(changed.after(), change, changed.github())),
                        new AuditedAction(appId, actor, ACTION, AppAudit.APP, appId, null, AppAudit.settingsOf(change))),
                () -> new PassportReply.Unavailable<>("audit trail"));
    }
}
