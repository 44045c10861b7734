package io.passportsuite.admin.members;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.passportsuite.admin.audit.Actor;
import io.passportsuite.admin.audit.AuditedAction;
import io.passportsuite.admin.membership.MembershipInvite;
import io.passportsuite.admin.membership.MembershipReply;
import io.passportsuite.admin.membership.MembershipState;

/**
 * What the trail keeps of membership changes. Membership answers each change with the state after
 * it, never before, so {@code before} stays empty rather than hold a guess read beforehand. An
 * invite is kept by its id and settings, never its code, which would let anyone reading the trail join.
 */
final class MembershipAudit {

    static final String TIER = "tier";
    static final String INVITE = "invite";
    static final String USER = "user";

    private MembershipAudit() {
    }

    /** The row for an answered change; none for a refused one, which changed nothing. */
    static <T> Function<MembershipReply<T>, Optional<AuditedAction>> rowOf(Function<T, AuditedAction> row) {
        return reply -> reply instanceof MembershipReply.Answered<T>(T value) ? Optional.of(row.apply(value)) : Optional.empty();
    }

    static AuditedAction action(String appId, Actor actor, String action, String targetType, String targetId, Map<String, Object> after) {
        return new AuditedAction(appId, actor, action, targetType, targetId, null, after);
    }

    static Map<String, Object> inviteOf(MembershipInvite invite) {
        Map<String, Object> kept = new LinkedHashMap<>();
        kept.put("tier", invite.tier());
        kept.put("max_uses", invite.maxUses());
        kept.put("uses", invite.uses());
        kept.put("expires_at", invite.expiresAt());
        kept.put("revoked_at", invite.revokedAt());
        kept.put("note", invite.note());
        return kept;
    }

    static Map<String, Object> membershipOf(MembershipState state) {
        Map<String, Object> kept = new LinkedHashMap<>();
        kept.put("status", state.status());
        kept.put("tier", state.tier());
        kept.put("level", state.level());
        kept.put("capabilities", state.capabilities());
        kept.put("revision", state.revision());
        return kept;
    }

    static <T> MembershipReply<T> trailFailed() {
        return new MembershipReply.Unavailable<>("audit trail");
    }
}
