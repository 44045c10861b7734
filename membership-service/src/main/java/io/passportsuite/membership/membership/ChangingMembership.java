package io.passportsuite.membership.membership;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.passportsuite.common.eventing.OutboxWriter;
import io.passportsuite.common.events.Topics;
import io.passportsuite.common.events.membership.MembershipChanged;
import io.passportsuite.membership.tier.Tier;

/**
 * Changes memberships inside the caller's transaction, and with every change writes the whole new
 * state to the outbox in that same transaction, under the next revision.
 */
@Component
public class ChangingMembership {

    private final Memberships memberships;
    private final ShowingMembership showing;
    private final OutboxWriter outbox;

    ChangingMembership(Memberships memberships, ShowingMembership showing, OutboxWriter outbox) {
        this.memberships = memberships;
        this.showing = showing;
        this.outbox = outbox;
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
        outbox.append(Topics.MEMBERSHIP_EVENTS, MembershipChanged.TYPE, MembershipChanged.VERSION, appId, userId.toString(),
                after.changed(appId, userId));
        return after;
    }
}
