package io.passportsuite.admin.apps;


import org.springframework.stereotype.Service;

import io.passportsuite.admin.audit.Actor;
import io.passportsuite.admin.audit.AuditedAction;
import io.passportsuite.admin.audit.AuditedCall;
import io.passportsuite.admin.passport.IssuedApiKey;
import io.passportsuite.admin.passport.Passport;
import io.passportsuite.admin.passport.PassportReply;

/**
 * A new key for an app's backend. Its secret goes back to the operator in this one answer and is
 * kept nowhere here: the trail holds the key's id, prefix and label.
 */
@Service
public class IssuingApiKey {

    public static final String ACTION = "app.issue_api_key";

    private final Passport passport;
    private final AuditedCall audited;

    IssuingApiKey(Passport passport, AuditedCall audited) {
        this.passport = passport;
        this.audited = audited;
    }

    public PassportReply<IssuedApiKey> issue(Actor actor, String appId, String label) {
        return audited.run(() -> passport.issueKey(appId, label),
                reply -> AppAudit.rowOf(reply, key -> new AuditedAction(appId, actor, ACTION, AppAudit.API_KEY,
                                key.id().toString(), null, AppAudit.keyOf(key.prefix(), label, false)),
                        // No key id without an answer: the row names the app, and the label asked for.
                        new AuditedAction(appId, actor, ACTION, AppAudit.APP, appId, null, AppAudit.keyOf(null, label, false))),
                () -> new PassportReply.Unavailable<>("audit trail"));
    }
}
