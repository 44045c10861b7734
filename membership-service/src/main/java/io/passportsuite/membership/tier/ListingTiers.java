package io.passportsuite.membership.tier;

import java.util.List;

import org.springframework.stereotype.Component;

/**
 * The tiers an app's users are measured against, lowest first: its own, or the template app's
 * while it has none of its own ({@code ownTiers} false), which its first tier change copies.
 */
@Component
public class ListingTiers {

    private final Tiers tiers;

    ListingTiers(Tiers tiers) {
        this.tiers = tiers;
    }

    public AppTiers of(String appId) {
        return new AppTiers(tiers.of(appId), appId.equals(tiers.templateAppId()) || tiers.hasOwn(appId));
    }

    public record AppTiers(List<Tier> tiers, boolean ownTiers) {

        public AppTiers {
            tiers = List.copyOf(tiers);
        }
    }
}
