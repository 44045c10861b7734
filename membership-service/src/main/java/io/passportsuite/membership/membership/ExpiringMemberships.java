package io.passportsuite.membership.membership;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.passportsuite.membership.tier.Tier;
import io.passportsuite.membership.tier.Tiers;

/**
 * Marks memberships whose end date has passed as expired and publishes each one's new state, so
 * that passport drops the capabilities from the tokens it issues. One batch per transaction: the
 * status, the revision and the events commit together; replicas running at once take disjoint rows.
 */
@Component
public class ExpiringMemberships {

    private static final Logger log = LoggerFactory.getLogger(ExpiringMemberships.class);

    private final Memberships memberships;
    private final Tiers tiers;
    private final MembershipEvents events;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ExpirySettings settings;

    ExpiringMemberships(Memberships memberships, Tiers tiers, MembershipEvents events, TransactionTemplate transaction, Clock clock,
            ExpirySettings settings) {
        this.memberships = memberships;
        this.tiers = tiers;
        this.events = events;
        this.transaction = transaction;
        this.clock = clock;
        this.settings = settings;
    }

    /** Expires every membership ended by now; returns how many. */
    public int expireEnded() {
        Instant now = clock.instant();
        int total = 0;
        int last;
        do {
            last = transaction.execute(status -> expireBatch(now));
            total += last;
        } while (last >= settings.batchSize() && !Thread.currentThread().isInterrupted());
        if (total > 0) {
            log.info("Expired {} ended memberships", total);
        }
        return total;
    }

    private int expireBatch(Instant now) {
        List<Membership> expired = memberships.expireEndedBy(now, settings.batchSize());
        Map<String, List<Tier>> tiersOfApp = new HashMap<>();
        for (Membership membership : expired) {
            List<Tier> appTiers = tiersOfApp.computeIfAbsent(membership.appId(), tiers::of);
            CapabilityOverrides overrides = memberships.overrides(membership.appId(), membership.userId());
            events.changed(membership.appId(), membership.userId(),
                    ShowingMembership.effective(Optional.of(membership), appTiers, overrides, now));
        }
        return expired.size();
    }
}
