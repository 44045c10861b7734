package io.passportsuite.membership.membership;

import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.passportsuite.membership.tier.Tier;
import io.passportsuite.membership.tier.Tiers;

/**
 * Per-user exceptions to the tier: a grant gives a capability on top of it, a revocation takes one
 * away. Each change counts as a membership change (next revision, published in its transaction); a
 * user without a membership gets an active one of the lowest tier to carry the revision.
 */
@Component
public class OverridingCapability {

    public static final String GRANT = "grant";
    public static final String REVOKE = "revoke";

    private final Memberships memberships;
    private final Tiers tiers;
    private final ShowingMembership showing;
    private final MembershipEvents events;
    private final TransactionTemplate transaction;

    OverridingCapability(Memberships memberships, Tiers tiers, ShowingMembership showing, MembershipEvents events,
            TransactionTemplate transaction) {
        this.memberships = memberships;
        this.tiers = tiers;
        this.showing = showing;
        this.events = events;
        this.transaction = transaction;
    }

    /** Grants or revokes; a grant replaces a revocation of the same capability and the other way round. */
    public CapabilityChange add(String appId, UUID userId, String capability, String kind) {
        return change(appId, userId, capability, kind, () -> memberships.override(appId, userId, capability, kind));
    }

    /** Takes a grant or a revocation back. */
    public CapabilityChange remove(String appId, UUID userId, String capability, String kind) {
        return change(appId, userId, capability, kind, () -> memberships.removeOverride(appId, userId, capability, kind));
    }

    private CapabilityChange change(String appId, UUID userId, String capability, String kind, BooleanSupplier write) {
        if (capability == null || !Tier.CAPABILITY.matcher(capability).matches()) {
            return new CapabilityChange.Invalid("capability", "must look like subject:action, e.g. cloud:deploy");
        }
        if (!GRANT.equals(kind) && !REVOKE.equals(kind)) {
            return new CapabilityChange.Invalid("kind", "must be grant or revoke");
        }
        return transaction.execute(tx -> {
            Optional<Membership> stored = memberships.lock(appId, userId);
            if (!write.getAsBoolean()) {
                return new CapabilityChange.Done(showing.effective(appId, userId, stored), false);
            }
            Membership counted = stored.isPresent()
                    ? memberships.nextRevision(appId, userId).orElseThrow()
                    : memberships.save(appId, userId, tiers.lowest(appId).name(), Membership.ACTIVE, null);
            EffectiveMembership now = showing.effective(appId, userId, Optional.of(counted));
            events.changed(appId, userId, now);
            return new CapabilityChange.Done(now, true);
        });
    }
}
