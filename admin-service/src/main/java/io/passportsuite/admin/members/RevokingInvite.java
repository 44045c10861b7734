package io.passportsuite.admin.members;

import java.util.UUID;

import org.springframework.stereotype.Service;

import io.passportsuite.admin.AdminSettings;
import io.passportsuite.admin.audit.Actor;
import io.passportsuite.admin.audit.AuditedCall;
import io.passportsuite.admin.membership.Membership;
import io.passportsuite.admin.membership.MembershipInvite;
import io.passportsuite.admin.membership.MembershipReply;

/** An operator revokes an invite of the platform app: nobody can redeem it afterwards. */
@Service
public class RevokingInvite {

    public static final String ACTION = "membership.revoke_invite";

    private final Membership membership;
    private final AuditedCall audited;
    private final String appId;

    RevokingInvite(Membership membership, AuditedCall audited, AdminSettings settings) {
        this.membership = membership;
        this.audited = audited;
        this.appId = settings.platformAppId();
    }

    public MembershipReply<MembershipInvite> revoke(Actor actor, UUID inviteId) {
        return audited.run(() -> membership.revokeInvite(appId, inviteId),
                MembershipAudit.rowOf(revoked -> MembershipAudit.action(appId, actor, ACTION, MembershipAudit.INVITE,
                        inviteId.toString(), MembershipAudit.inviteOf(revoked))),
                MembershipAudit::trailFailed);
    }
}
