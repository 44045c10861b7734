package io.passportsuite.membership.api.internal;

import java.util.List;
import java.util.UUID;

import io.passportsuite.membership.membership.EffectiveMembership;

/** A user's effective membership as the suite's services see it, with the revision of its last change. */
record MembershipState(UUID userId, String appId, String status, String tier, int level, boolean isMember,
        List<String> capabilities, long revision) {

    static MembershipState of(String appId, UUID userId, EffectiveMembership membership) {
        return new MembershipState(userId, appId, membership.status(), membership.tier(), membership.level(), membership.member(),
                membership.capabilities(), membership.revision());
    }
}
