package io.passportsuite.membership.membership;

import io.passportsuite.membership.tier.Tier;

/** What came of an operator creating or changing a tier. */
public sealed interface TierChange {

    /** @param published how many users' memberships changed with it (each one published) */
    record Saved(Tier tier, boolean created, int published) implements TierChange {
    }

    record Invalid(String field, String reason) implements TierChange {
    }
}
