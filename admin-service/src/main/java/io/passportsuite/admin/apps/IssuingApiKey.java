package io.passportsuite.admin.apps;

import java.util.Optional;

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
                reply -> reply instanceof PassportReply.Answered<IssuedApiKey>(IssuedApiKey key)
                        ? Optional.of(new AuditedAction(appId, actor, ACTION, AppAudit.API_KEY, key.id().toString(), null,
                                AppAudit.keyOf(key.prefix(), label, false)))
                        : Optional.empty(),
                () -> new PassportReply.Unavailable<>("audit trail"));
    }
}
