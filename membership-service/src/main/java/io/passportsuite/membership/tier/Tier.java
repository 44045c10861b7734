package io.passportsuite.membership.tier;

import java.util.List;

/**
 * A level of membership in an app: what it allows and how many people its holders may invite
 * each month (when it allows {@code invite:create}).
 */
public record Tier(String name, int level, List<String> capabilities, int monthlyInviteQuota) {

    public Tier {
        capabilities = List.copyOf(capabilities);
    }

    public boolean allows(String capability) {
        return capabilities.contains(capability);
    }
}
