package io.passportsuite.membership.membership;

/** What came of an operator granting or revoking one capability of a user, or taking that back. */
public sealed interface CapabilityChange {

    /** The membership afterwards; {@code changed} false when it already was so (nothing was published). */
    record Done(EffectiveMembership membership, boolean changed) implements CapabilityChange {
    }

    record Invalid(String field, String reason) implements CapabilityChange {
    }
}
