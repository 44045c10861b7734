package io.passportsuite.membership.membership;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.passportsuite.membership.tier.Tier;

/**
 * Changes memberships inside the caller's transaction, and with every change writes the whole new
 * state to the outbox in that same transaction, under the next revision.
 */
@Component
public class ChangingMembership {

    private final Memberships memberships;
    private final ShowingMembership showing;
    private final MembershipEvents events;

    ChangingMembership(Memberships memberships, ShowingMembership showing, MembershipEvents events) {
        this.memberships = memberships;
        this.showing = showing;
        this.events = events;
    }

    /**
     * Makes the user an active holder of {@code tier} unless what they hold now is at least as high;
     * the membership as it is afterwards, changed or not.
     */
    public EffectiveMembership raiseTo(String appId, UUID userId, Tier tier) {
        var stored = memberships.lock(appId, userId);
        EffectiveMembership now = showing.effective(appId, userId, stored);
        // A suspension is lifted by an operator, never by an invite.
        if (Membership.SUSPENDED.equals(now.status()) || Membership.ACTIVE.equals(now.status()) && now.level() >= tier.level()) {
            return now;
        }
        Membership saved = memberships.save(appId, userId, tier.name(), Membership.ACTIVE, null);
        EffectiveMembership after = showing.effective(appId, userId, Optional.of(saved));
        events.changed(appId, userId, after);
        return after;
    }
}
