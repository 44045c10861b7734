package io.passportsuite.membership.membership;

/** What came of an operator setting a user's membership. */
public sealed interface MembershipSetting {

    record Set(EffectiveMembership membership) implements MembershipSetting {
    }

    record UnknownTier(String tier) implements MembershipSetting {
    }

    record Invalid(String field, String reason) implements MembershipSetting {
    }
}
