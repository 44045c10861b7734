package io.passportsuite.membership.invite;

/** What asking for a new invite came to. */
public sealed interface InviteCreation {

    /** The clear {@code code} exists only here: it is stored as a digest. */
    record Created(Invite invite, String code) implements InviteCreation {
    }

    record UnknownTier(String tier) implements InviteCreation {
    }

    /** A field out of bounds; {@code field} names it as the core does ({@code maxUses}, {@code expiresAt}, {@code note}). */
    record Invalid(String field, String reason) implements InviteCreation {
    }

    /** A member without the capability to invite. */
    record CapabilityMissing(String capability) implements InviteCreation {
    }

    /** The member's tier allows {@code quota} invitees a month and {@code used} are taken. */
    record QuotaExceeded(int quota, int used) implements InviteCreation {
    }
}
