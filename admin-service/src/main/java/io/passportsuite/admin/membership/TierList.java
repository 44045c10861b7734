package io.passportsuite.admin.membership;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An app's tiers, lowest first. Read in membership's camelCase, shown in the back office's
 * snake_case. {@code ownTiers} false: the template app's, until the app's first tier change.
 */
public record TierList(@JsonProperty("app_id") @JsonAlias("appId") String appId,
        @JsonProperty("own_tiers") @JsonAlias("ownTiers") boolean ownTiers, List<MembershipTier> tiers) {

    public record MembershipTier(String name, int level, List<String> capabilities,
            @JsonProperty("monthly_invite_quota") @JsonAlias("monthlyInviteQuota") int monthlyInviteQuota) {
    }
}
