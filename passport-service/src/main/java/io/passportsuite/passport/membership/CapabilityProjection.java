package io.passportsuite.passport.membership;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.passportsuite.common.eventing.ProcessedEvents;
import io.passportsuite.common.events.EventEnvelope;
import io.passportsuite.common.events.membership.MembershipChanged;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each user's capabilities as membership-service announces them, kept here so that issuing a
 * token never waits on another service. An event is applied once (processed-event mark) and only
 * when it is newer than what is stored (revision), so redelivered and reordered events are harmless.
 */
@Service
public class CapabilityProjection {

    static final String CONSUMER = "passport-service.memberships";

    /** What travels in a token claim and, comma-separated, in a header: no commas, no spaces. */

    private static final Logger log = LoggerFactory.getLogger(CapabilityProjection.class);

    private final JsonMapper json;
    private final TransactionTemplate transaction;
    private final ProcessedEvents processedEvents;
    private final UserCapabilityRepository capabilities;

    CapabilityProjection(JsonMapper json, TransactionTemplate transaction, ProcessedEvents processedEvents,
            UserCapabilityRepository capabilities) {
        this.json = json;
        this.transaction = transaction;
        this.processedEvents = processedEvents;
        this.capabilities = capabilities;
    }

    /** The user's capabilities now; empty when membership-service never announced any. */
    public List<String> capabilitiesOf(String appId, UUID userId) {
        return capabilities.find(appId, userId).orElse(List.of());
    }

    /**
     * Forgets the user's capabilities in the app, inside the caller's transaction: the account is
     * being deleted. A membership event of the user still under way may store a row again; no token
     * is ever issued from it, since the user is gone.
     */
    public void forget(String appId, UUID userId) {
        capabilities.delete(appId, userId);
    }

    /** Applies one record of the membership topic. */
    public Projection apply(String record) {
        EventEnvelope envelope;
        MembershipChanged change;
        try {
            envelope = json.readValue(record, EventEnvelope.class);
            if (!MembershipChanged.TYPE.equals(envelope.type()) || envelope.version() != MembershipChanged.VERSION) {
                log.info("Skipping event {}: type {} v{} is not a membership change this service reads",
                        envelope.eventId(), envelope.type(), envelope.version());
                return new Projection.Skipped("not a membership change");
            }
            change = json.treeToValue(envelope.payload(), MembershipChanged.class);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            // Retrying cannot fix an unreadable record, and throwing would hold up the partition.
            log.warn("Skipping an unreadable membership event: {}", e.getMessage());
            return new Projection.Skipped("unreadable");
        }
        String problem = problemWith(change);
        if (problem != null) {
            log.warn("Skipping membership event {}: {}", envelope.eventId(), problem);
            return new Projection.Skipped(problem);
        }
        return transaction.execute(status -> {
            if (!processedEvents.firstTime(CONSUMER, envelope.eventId())) {
                return new Projection.Duplicate();
            }
            if (!capabilities.storeIfNewer(change)) {
                log.info("Membership event {} of user {} has revision {}, not newer than the stored one; ignored",
                        envelope.eventId(), change.userId(), change.revision());
                return new Projection.Stale();
            }
            return new Projection.Projected(change.userId(), change.capabilities(), change.revision());
        });
    }

    private static String problemWith(MembershipChanged change) {
        if (change.userId() == null) {
            return "no user id";
        }
        if (change.appId() == null || change.appId().isBlank()) {
            return "no app id";
        }
        for (String capability : change.capabilities()) {
            if (capability == null || !MembershipChanged.CAPABILITY.matcher(capability).matches()) {
                return "capability " + capability + " cannot travel in a token";
            }
        }
        return null;
    }

    /** What became of an event. */
    public sealed interface Projection {

        record Projected(UUID userId, List<String> capabilities, long revision) implements Projection {
        }

        /** The stored revision is as high or higher. */
        record Stale() implements Projection {
        }

        /** This very event was applied before. */
        record Duplicate() implements Projection {
        }

        /** Not an event this projection can apply; retrying would not change that. */
        record Skipped(String why) implements Projection {
        }
    }
}
