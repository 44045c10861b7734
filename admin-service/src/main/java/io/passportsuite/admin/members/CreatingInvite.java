package io.passportsuite.admin.members;

import org.springframework.stereotype.Service;

import io.passportsuite.admin.AdminSettings;
import io.passportsuite.admin.audit.Actor;
import io.passportsuite.admin.audit.AuditedCall;
import io.passportsuite.admin.membership.Membership;
import io.passportsuite.admin.membership.MembershipInvite;
import io.passportsuite.admin.membership.MembershipReply;
import tools.jackson.databind.node.ObjectNode;

/**
 * An operator creates an invite to the platform app, in their own name ({@code createdBy}). Its
 * code goes back to the operator in this one answer; the trail holds the invite's id and settings.
 */
@Service
public class CreatingInvite {

    public static final String ACTION = "membership.create_invite";

    private final Membership membership;
    private final AuditedCall audited;
    private final String appId;

    CreatingInvite(Membership membership, AuditedCall audited, AdminSettings settings) {
        this.membership = membership;
        this.audited = audited;
        this.appId = settings.platformAppId();
    }

    /** {@code invite}: membership's body without {@code createdBy}, which is the actor. */
    public MembershipReply<MembershipInvite> create(Actor actor, ObjectNode invite) {
        ObjectNode body = invite.deepCopy();
        body.put("createdBy", actor.userId().toString());
        return audited.run(() -> membership.createInvite(appId, body),
                MembershipAudit.rowOf(created -> MembershipAudit.action(appId, actor, ACTION, MembershipAudit.INVITE,
                        created.id().toString(), MembershipAudit.inviteOf(created))),
                MembershipAudit::trailFailed);
    }
}
