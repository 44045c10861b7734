package io.passportsuite.membership.membership;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.passportsuite.membership.tier.Tier;
import io.passportsuite.membership.tier.Tiers;

/**
 * An operator sets a user's tier and status outright (upgrades, downgrades, suspensions and their
 * lifting), with the new state published in the same transaction.
 */
@Component
public class SettingMembership {

    private static final Set<String> STATUSES = Set.of(Membership.ACTIVE, Membership.EXPIRED, Membership.SUSPENDED);

    private final Memberships memberships;
    private final Tiers tiers;
    private final ShowingMembership showing;
    private final MembershipEvents events;
    private final TransactionTemplate transaction;

    SettingMembership(Memberships memberships, Tiers tiers, ShowingMembership showing, MembershipEvents events,
            TransactionTemplate transaction) {
        this.memberships = memberships;
        this.tiers = tiers;
        this.showing = showing;
        this.events = events;
        this.transaction = transaction;
    }

    /** {@code endsAt} null: no end. */
    public MembershipSetting set(String appId, UUID userId, String tierName, String status, Instant endsAt) {
        if (!STATUSES.contains(status)) {
            return new MembershipSetting.Invalid("status", "must be one of active, expired, suspended");
        }
        Optional<Tier> tier = tiers.named(appId, tierName);
        if (tier.isEmpty()) {
            return new MembershipSetting.UnknownTier(tierName);
        }
        return transaction.execute(tx -> {
            memberships.lock(appId, userId);
            Membership saved = memberships.save(appId, userId, tier.get().name(), status, endsAt);
            EffectiveMembership now = showing.effective(appId, userId, Optional.of(saved));
            events.changed(appId, userId, now);
            return new MembershipSetting.Set(now);
        });
    }
}
