package io.passportsuite.admin.members;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Service;

import io.passportsuite.admin.AdminSettings;
import io.passportsuite.admin.audit.Actor;
import io.passportsuite.admin.audit.AuditedCall;
import io.passportsuite.admin.membership.Membership;
import io.passportsuite.admin.membership.MembershipReply;
import io.passportsuite.admin.membership.SavedTier;
import tools.jackson.databind.node.ObjectNode;

/**
 * An operator creates or changes a tier of the platform app. Membership checks it and publishes
 * the new state of every holder it affects; the trail keeps the tier as saved.
 */
@Service
public class ChangingTier {

    public static final String ACTION = "membership.put_tier";

    private final Membership membership;
    private final AuditedCall audited;
    private final String appId;

    ChangingTier(Membership membership, AuditedCall audited, AdminSettings settings) {
        this.membership = membership;
        this.audited = audited;
        this.appId = settings.platformAppId();
    }

    /** {@code tier}: membership's body, {@code {level, capabilities, monthlyInviteQuota?}}. */
    public MembershipReply<SavedTier> put(Actor actor, String name, ObjectNode tier) {
        return audited.run(() -> membership.putTier(appId, name, tier),
                MembershipAudit.rowOf(saved -> MembershipAudit.action(appId, actor, ACTION, MembershipAudit.TIER, saved.name(),
                        tierOf(saved))),
                MembershipAudit::trailFailed);
    }

    private static Map<String, Object> tierOf(SavedTier saved) {
        Map<String, Object> kept = new LinkedHashMap<>();
        kept.put("level", saved.level());
        kept.put("capabilities", saved.capabilities());
        kept.put("monthly_invite_quota", saved.monthlyInviteQuota());
        kept.put("published_members", saved.publishedMembers());
        return kept;
    }
}
