package io.passportsuite.membership.membership;

import java.util.List;
import java.util.UUID;

import io.passportsuite.common.events.membership.MembershipChanged;

/**
 * What a user may do now: the tier that counts and the capabilities it gives, after grants and
 * revocations. The same shape for every user, members or not.
 *
 * @param status {@code active}, {@code expired}, {@code suspended}, or {@code none} for a user who
 *        never had a membership
 */
public record EffectiveMembership(String status, String tier, int level, boolean member, List<String> capabilities,
        long revision) {

    public static final String NONE = "none";

    public EffectiveMembership {
        capabilities = List.copyOf(capabilities);
    }

    public boolean allows(String capability) {
        return capabilities.contains(capability);
    }

    MembershipChanged changed(String appId, UUID userId) {
        return new MembershipChanged(userId, appId, tier, level, status, member, capabilities, revision);
    }
}
