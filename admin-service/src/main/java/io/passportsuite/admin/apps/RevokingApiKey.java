package io.passportsuite.admin.apps;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.passportsuite.admin.audit.Actor;
import io.passportsuite.admin.audit.AuditedAction;
import io.passportsuite.admin.audit.AuditedCall;
import io.passportsuite.admin.passport.ApiKey;
import io.passportsuite.admin.passport.Passport;
import io.passportsuite.admin.passport.PassportReply;

/**
 * An operator revokes an app's key. Passport refuses it at once on the replica that revoked it;
 * the gateway and passport's other replicas keep an answer about a key for a few seconds
 * ({@code suite.security.api-key-cache-ttl}, 3 s), so a revoked key is refused everywhere after that.
 */
@Service
public class RevokingApiKey {

    public static final String ACTION = "app.revoke_api_key";

    private final Passport passport;
    private final AuditedCall audited;

    RevokingApiKey(Passport passport, AuditedCall audited) {
        this.passport = passport;
        this.audited = audited;
    }

    /** The key is looked up first so that the trail tells which key it was (prefix, label), not only its id. */
    public PassportReply<Void> revoke(Actor actor, String appId, UUID keyId) {
        PassportReply<List<ApiKey>> keys = passport.keys(appId);
        if (!(keys instanceof PassportReply.Answered<List<ApiKey>>(List<ApiKey> listed))) {
            return PassportReply.sameFailure(keys);
        }
        Map<String, Object> before = listed.stream().filter(key -> key.id().equals(keyId)).findFirst()
                .map(AppAudit::keyOf)
                .orElse(null);
        return audited.run(() -> passport.revokeKey(appId, keyId),
                reply -> AppAudit.rowOf(reply, done -> new AuditedAction(appId, actor, ACTION, AppAudit.API_KEY, keyId.toString(),
                                before, Map.of("revoked", true)),
                        new AuditedAction(appId, actor, ACTION, AppAudit.API_KEY, keyId.toString(), before, Map.of("revoked", true))),
                () -> new PassportReply.Unavailable<>("audit trail"));
    }
}
