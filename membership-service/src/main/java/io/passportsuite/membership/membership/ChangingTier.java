package io.passportsuite.membership.membership;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import io.passportsuite.membership.tier.Tier;
import io.passportsuite.membership.tier.Tiers;

/**
 * An operator creates or changes a tier of an app. In the same transaction every user whose
 * effective membership changes with it gets the next revision and a published new state: the
 * holders of the tier, or everybody with a membership when the lowest tier (what expired and
 * tierless users have) is affected. An app that used the template app's tiers gets its own copy
 * first; a change of the template app's tiers reaches the users of every app still using them.
 */
@Component
public class ChangingTier {

    /** Users read, revised and published per statement: bounds the size of one query, not of the transaction. */
    private static final int CHUNK = 1000;

    private final Tiers tiers;
    private final Memberships memberships;
    private final MembershipEvents events;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ChangingTier(Tiers tiers, Memberships memberships, MembershipEvents events, TransactionTemplate transaction, Clock clock) {
        this.tiers = tiers;
        this.memberships = memberships;
        this.events = events;
        this.transaction = transaction;
        this.clock = clock;
    }

    public TierChange put(String appId, String name, Integer level, List<String> capabilities, Integer monthlyInviteQuota) {
        if (name == null || !Tier.NAME.matcher(name).matches()) {
            return new TierChange.Invalid("name", "must be 1 to 32 of a-z, 0-9, _ and -");
        }
        if (level == null || level < 0) {
            return new TierChange.Invalid("level", "is required and must not be negative");
        }
        if (capabilities == null || capabilities.stream().anyMatch(c -> c == null || !Tier.CAPABILITY.matcher(c).matches())) {
            return new TierChange.Invalid("capabilities", "is required, each like subject:action, e.g. cloud:deploy");
        }
        if (monthlyInviteQuota != null && monthlyInviteQuota < 0) {
            return new TierChange.Invalid("monthlyInviteQuota", "must not be negative");
        }
        Tier tier = new Tier(name, level, List.copyOf(new LinkedHashSet<>(capabilities)), monthlyInviteQuota == null ? 0 : monthlyInviteQuota);
        return transaction.execute(tx -> save(appId, tier, tx));
    }

    private TierChange save(String appId, Tier tier, TransactionStatus tx) {
        tiers.lockForChange();
        if (!appId.equals(tiers.templateAppId()) && !tiers.hasOwn(appId)) {
            tiers.copyTemplateTo(appId);
        }
        List<Tier> before = tiers.of(appId);
        Optional<Tier> taken = before.stream().filter(t -> t.level() == tier.level() && !t.name().equals(tier.name())).findFirst();
        if (taken.isPresent()) {
            // Nor keep the copy of the template's tiers made for it.
            tx.setRollbackOnly();
            return new TierChange.Invalid("level", "is that of the tier " + taken.get().name());
        }
        Optional<Tier> old = before.stream().filter(t -> t.name().equals(tier.name())).findFirst();
        boolean created = tiers.save(appId, tier);
        List<Tier> after = tiers.of(appId);
        boolean lowestChanged = !Objects.equals(before.isEmpty() ? null : before.getFirst(), after.getFirst());
        boolean holdersChanged = old.isPresent() && (old.get().level() != tier.level() || !old.get().capabilities().equals(tier.capabilities()));
        if (!lowestChanged && !holdersChanged) {
            return new TierChange.Saved(tier, created, 0);
        }
        List<String> apps = new ArrayList<>(List.of(appId));
        if (appId.equals(tiers.templateAppId())) {
            apps.addAll(memberships.appsWithoutOwnTiers());
        }
        List<Membership> candidates = lowestChanged ? memberships.lockAllOf(apps) : memberships.lockHoldersOf(apps, tier.name());
        Instant now = clock.instant();
        int published = 0;
        Map<String, List<Membership>> byApp = candidates.stream().collect(Collectors.groupingBy(Membership::appId));
        for (var app : byApp.entrySet()) {
            List<Membership> ofApp = app.getValue();
            for (int from = 0; from < ofApp.size(); from += CHUNK) {
                published += publishChanged(app.getKey(), ofApp.subList(from, Math.min(from + CHUNK, ofApp.size())), before, after, now);
            }
        }
        return new TierChange.Saved(tier, created, published);
    }

    private int publishChanged(String appId, List<Membership> chunk, List<Tier> before, List<Tier> after, Instant now) {
        Map<UUID, CapabilityOverrides> overrides = memberships.overrides(appId, chunk.stream().map(Membership::userId).toList());
        List<UUID> changed = chunk.stream()
                .filter(m -> {
                    CapabilityOverrides own = overrides.getOrDefault(m.userId(), CapabilityOverrides.NONE);
                    return !ShowingMembership.effective(Optional.of(m), before, own, now)
                            .equals(ShowingMembership.effective(Optional.of(m), after, own, now));
                })
                .map(Membership::userId).toList();
        if (changed.isEmpty()) {
            return 0;
        }
        for (Membership revised : memberships.nextRevisions(appId, changed)) {
            events.changed(appId, revised.userId(), ShowingMembership.effective(Optional.of(revised), after,
                    overrides.getOrDefault(revised.userId(), CapabilityOverrides.NONE), now));
        }
        return changed.size();
    }
}
