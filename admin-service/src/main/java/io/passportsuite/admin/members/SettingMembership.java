package io.passportsuite.admin.members;

import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.passportsuite.admin.AdminSettings;
import io.passportsuite.admin.audit.Actor;
import io.passportsuite.admin.audit.AuditedCall;
import io.passportsuite.admin.membership.Membership;
import io.passportsuite.admin.membership.MembershipReply;
import io.passportsuite.admin.membership.MembershipState;
import tools.jackson.databind.node.ObjectNode;

/**
 * An operator sets a user's tier, status and end in the platform app. Membership answers the
 * effective membership afterwards, which the trail keeps with the end asked for (the answer has none).
 */
@Service
public class SettingMembership {

    public static final String ACTION = "membership.set";

    private final Membership membership;
    private final AuditedCall audited;
    private final String appId;

    SettingMembership(Membership membership, AuditedCall audited, AdminSettings settings) {
        this.membership = membership;
        this.audited = audited;
        this.appId = settings.platformAppId();
    }

    /** {@code change}: membership's body, {@code {tier, status, endsAt?}}. */
    public MembershipReply<MembershipState> set(Actor actor, UUID userId, ObjectNode change) {
        String endsAt = change.hasNonNull("endsAt") ? change.get("endsAt").asString() : null;
        return audited.run(() -> membership.setMembership(appId, userId, change),
                MembershipAudit.rowOf(state -> {
                    Map<String, Object> after = MembershipAudit.membershipOf(state);
                    after.put("ends_at", endsAt);
                    return MembershipAudit.action(appId, actor, ACTION, MembershipAudit.USER, userId.toString(), after);
                }),
                MembershipAudit::trailFailed);
    }
}
