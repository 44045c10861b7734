package io.passportsuite.membership.api.chat;

import java.util.List;

import io.passportsuite.membership.membership.EffectiveMembership;

/** {@code {"status","tier","level","isMember","capabilities"}}: the same for every user. */
record MembershipView(String status, String tier, int level, boolean isMember, List<String> capabilities) {

    static MembershipView of(EffectiveMembership membership) {
        return new MembershipView(membership.status(), membership.tier(), membership.level(), membership.member(),
                membership.capabilities());
    }
}
