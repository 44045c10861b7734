package io.passportsuite.common.events.membership;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A user's membership as it is now, after any change (an invite redeemed, a tier changed by an
 * operator, a grant or a revocation, an expiry): the whole state, not the difference, so a consumer
 * that missed one event is right again with the next. {@code revision} grows with every change of
 * the user's membership; a consumer keeps the highest it has applied and ignores older ones, which
 * makes a redelivered or reordered event harmless.
 *
 * @param capabilities the effective set: the tier's (the lowest tier's once the membership has
 *        ended), plus grants, minus revocations; empty while {@code status} is {@code suspended}
 */
public record MembershipChanged(
        UUID userId,
        String appId,
        String tier,
        int level,
        String status,
        boolean member,
        List<String> capabilities,
        long revision) {

    /**
     * What a capability may be called: a subject and an action ({@code cloud:deploy}), at most 64
     * characters. Membership refuses any other name, and passport puts only such names in tokens and
     * in the comma-separated header the gateway forwards.
     */
    public static final Pattern CAPABILITY = Pattern.compile("(?=.{3,64}$)[a-z_]+:[a-z_]+");

    public static final String TYPE = "membership.changed";
    public static final int VERSION = 1;

    public MembershipChanged {
        capabilities = List.copyOf(capabilities);
    }
}
