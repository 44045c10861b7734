package io.passportsuite.membership.tier;

import java.util.List;
import java.util.regex.Pattern;

import io.passportsuite.common.events.membership.MembershipChanged;

/**
 * A level of membership in an app: what it allows and how many people its holders may invite
 * each month (when it allows {@code invite:create}).
 */
public record Tier(String name, int level, List<String> capabilities, int monthlyInviteQuota) {

    /** What a capability is called: a subject and an action, e.g. {@code cloud:deploy}; the name passport accepts too. */
    public static final Pattern CAPABILITY = MembershipChanged.CAPABILITY;

    /** What a tier may be called. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,32}");

    public Tier {
        capabilities = List.copyOf(capabilities);
    }

    public boolean allows(String capability) {
        return capabilities.contains(capability);
    }
}
