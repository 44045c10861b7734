package io.passportsuite.admin.members;

import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.passportsuite.admin.AdminSettings;
import io.passportsuite.admin.audit.Actor;
import io.passportsuite.admin.audit.AuditedAction;
import io.passportsuite.admin.audit.AuditedCall;
import io.passportsuite.admin.membership.Membership;
import io.passportsuite.admin.membership.MembershipReply;
import io.passportsuite.admin.membership.MembershipState;

/**
 * An operator grants a user a capability beyond their tier or revokes one it gives
 * ({@code kind} {@code grant} or {@code revoke}), or takes such an override back.
 */
@Service
public class OverridingCapability {

    public static final String ADD = "membership.override_capability";
    public static final String REMOVE = "membership.remove_capability_override";

    private final Membership membership;
    private final AuditedCall audited;
    private final String appId;

    OverridingCapability(Membership membership, AuditedCall audited, AdminSettings settings) {
        this.membership = membership;
        this.audited = audited;
        this.appId = settings.platformAppId();
    }

    public MembershipReply<MembershipState> add(Actor actor, UUID userId, String capability, String kind) {
        return audited.run(() -> membership.override(appId, userId, capability, kind),
                MembershipAudit.rowOf(state -> row(actor, ADD, userId, capability, kind, state)), MembershipAudit::trailFailed);
    }

    public MembershipReply<MembershipState> remove(Actor actor, UUID userId, String capability, String kind) {
        return audited.run(() -> membership.removeOverride(appId, userId, capability, kind),
                MembershipAudit.rowOf(state -> row(actor, REMOVE, userId, capability, kind, state)), MembershipAudit::trailFailed);
    }

    private AuditedAction row(Actor actor, String action, UUID userId, String capability, String kind,
            MembershipState state) {
        Map<String, Object> after = MembershipAudit.membershipOf(state);
        after.put("capability", capability);
        after.put("kind", kind);
        return MembershipAudit.action(appId, actor, action, MembershipAudit.USER, userId.toString(), after);
    }
}
