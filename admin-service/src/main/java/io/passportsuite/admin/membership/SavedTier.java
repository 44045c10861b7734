package io.passportsuite.admin.membership;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A tier as a change left it; {@code publishedMembers}: the users whose membership changed with it. */
public record SavedTier(String name, int level, List<String> capabilities,
        @JsonProperty("monthly_invite_quota") @JsonAlias("monthlyInviteQuota") int monthlyInviteQuota,
        @JsonProperty("published_members") @JsonAlias("publishedMembers") int publishedMembers) {
}
