package io.passportsuite.membership.registration;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.passportsuite.common.eventing.ProcessedEvents;
import io.passportsuite.common.events.EventEnvelope;
import io.passportsuite.common.events.user.UserDeleted;
import io.passportsuite.membership.invite.ForgettingInvitesOfUser;
import io.passportsuite.membership.membership.ErasingMembership;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Erases what this service keeps of a user passport deleted ({@code user.deleted}): the membership,
 * capability overrides, invite redemptions, the invites they made, the codes they registered with
 * that redeemed nothing. All in one transaction with the processed-event mark; a replay finds the
 * mark, and would find nothing to erase anyway.
 */
@Component
class ErasingDeletedUsers {

    static final String CONSUMER = "membership-service.deletions";

    private static final Logger log = LoggerFactory.getLogger(ErasingDeletedUsers.class);

    private final JsonMapper json;
    private final TransactionTemplate transaction;
    private final ProcessedEvents processedEvents;
    private final ErasingMembership memberships;
    private final ForgettingInvitesOfUser invites;
    private final IgnoredCodes ignored;

    ErasingDeletedUsers(JsonMapper json, TransactionTemplate transaction, ProcessedEvents processedEvents,
            ErasingMembership memberships, ForgettingInvitesOfUser invites, IgnoredCodes ignored) {
        this.json = json;
        this.transaction = transaction;
        this.processedEvents = processedEvents;
        this.memberships = memberships;
        this.invites = invites;
        this.ignored = ignored;
    }

    /** What became of a record. */
    sealed interface Erasure {

        record Erased(UUID userId, boolean hadMembership, int invitesRevoked) implements Erasure {
        }

        /** This very event was handled before. */
        record Duplicate() implements Erasure {
        }

        /** Not a deletion, or one that cannot be read: retrying would not change that. */
        record Skipped() implements Erasure {
        }
    }

    Erasure accept(String value) {
        EventEnvelope envelope;
        UserDeleted deleted;
        try {
            envelope = json.readValue(value, EventEnvelope.class);
            if (!UserDeleted.TYPE.equals(envelope.type()) || envelope.version() != UserDeleted.VERSION) {
                return new Erasure.Skipped();
            }
            deleted = json.treeToValue(envelope.payload(), UserDeleted.class);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            // Retrying cannot fix an unreadable record, and throwing would block the partition.
            log.warn("Skipping an unreadable user event: {}", e.getMessage());
            return new Erasure.Skipped();
        }
        if (deleted.userId() == null) {
            log.warn("Skipping user deletion {}: no user id", envelope.eventId());
            return new Erasure.Skipped();
        }
        return transaction.execute(status -> {
            if (!processedEvents.firstTime(CONSUMER, envelope.eventId())) {
                log.info("Deletion {} was already handled", envelope.eventId());
                return new Erasure.Duplicate();
            }
            boolean hadMembership = memberships.erase(envelope.appId(), deleted.userId());
            int revoked = invites.forget(envelope.appId(), deleted.userId());
            ignored.forgetUser(envelope.appId(), deleted.userId());
            log.info("User {} of app {} was deleted: membership erased ({}), {} of their invites revoked",
                    deleted.userId(), envelope.appId(), hadMembership, revoked);
            return new Erasure.Erased(deleted.userId(), hadMembership, revoked);
        });
    }
}
