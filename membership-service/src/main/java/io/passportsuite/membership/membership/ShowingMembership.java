package io.passportsuite.membership.membership;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.passportsuite.membership.tier.Tier;
import io.passportsuite.membership.tier.Tiers;

/**
 * A user's effective membership. No membership, an ended or a suspended one, or one whose tier an
 * operator removed, all count as the app's lowest tier: every user gets an answer, never a 404.
 */
@Component
public class ShowingMembership {

    private final Memberships memberships;
    private final Tiers tiers;
    private final Clock clock;

    ShowingMembership(Memberships memberships, Tiers tiers, Clock clock) {
        this.memberships = memberships;
        this.tiers = tiers;
        this.clock = clock;
    }

    public EffectiveMembership show(String appId, UUID userId) {
        return effective(appId, userId, memberships.find(appId, userId));
    }

    EffectiveMembership effective(String appId, UUID userId, Optional<Membership> stored) {
        return effective(stored, tiers.of(appId), memberships.overrides(appId, userId), clock.instant());
    }

    /** The effective membership from what is stored, without reading anything: for many users at once. */
    static EffectiveMembership effective(Optional<Membership> stored, List<Tier> appTiers, CapabilityOverrides overrides, Instant now) {
        Tier lowest = appTiers.isEmpty() ? Tiers.NONE : appTiers.getFirst();
        String status = stored.map(membership -> membership.statusAt(now)).orElse(EffectiveMembership.NONE);
        long revision = stored.map(Membership::revision).orElse(0L);
        if (Membership.SUSPENDED.equals(status)) {
            // Suspended means nothing is allowed, grants included.
            return new EffectiveMembership(status, lowest.name(), lowest.level(), false, List.of(), revision);
        }
        Tier tier = stored.filter(membership -> Membership.ACTIVE.equals(membership.statusAt(now)))
                .flatMap(membership -> appTiers.stream().filter(t -> t.name().equals(membership.tier())).findFirst())
                .orElse(lowest);
        Set<String> capabilities = new LinkedHashSet<>(tier.capabilities());
        capabilities.addAll(overrides.granted().stream().sorted().toList());
        capabilities.removeAll(overrides.revoked());
        boolean member = Membership.ACTIVE.equals(status) && tier.level() > lowest.level();
        return new EffectiveMembership(status, tier.name(), tier.level(), member, List.copyOf(capabilities), revision);
    }
}
