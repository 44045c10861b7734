package io.passportsuite.membership.membership;

import java.util.UUID;

import org.springframework.stereotype.Component;

import io.passportsuite.common.eventing.OutboxWriter;
import io.passportsuite.common.events.Topics;
import io.passportsuite.common.events.membership.MembershipChanged;

/** Writes a user's new membership state to the outbox, inside the transaction of the change, keyed by user id. */
@Component
class MembershipEvents {

    private final OutboxWriter outbox;

    MembershipEvents(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    void changed(String appId, UUID userId, EffectiveMembership now) {
        outbox.append(Topics.MEMBERSHIP_EVENTS, MembershipChanged.TYPE, MembershipChanged.VERSION, appId, userId.toString(),
                now.changed(appId, userId));
    }
}
