package io.passportsuite.membership.membership;

import java.time.Instant;
import java.util.UUID;

/** A user's stored membership of an app, as the membership table holds it. */
public record Membership(String appId, UUID userId, String tier, String status, Instant endsAt, long revision) {

    public static final String ACTIVE = "active";
    public static final String EXPIRED = "expired";
    public static final String SUSPENDED = "suspended";

    /** The status that counts: an active membership whose end date has passed is expired. */
    public String statusAt(Instant now) {
        return ACTIVE.equals(status) && endsAt != null && !endsAt.isAfter(now) ? EXPIRED : status;
    }
}
