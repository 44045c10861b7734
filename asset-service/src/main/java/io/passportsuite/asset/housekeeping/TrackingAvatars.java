package io.passportsuite.asset.housekeeping;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.passportsuite.asset.file.AppFiles;
import io.passportsuite.common.eventing.ProcessedEvents;
import io.passportsuite.common.events.EventEnvelope;
import io.passportsuite.common.events.user.UserDeleted;
import io.passportsuite.common.events.user.UserProfileUpdated;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps each user's avatar reference from passport's user events, and marks a file orphaned when
 * the last reference moves away from it (avatar replaced or cleared, user deleted). Only a URL of
 * this service naming a file of the event's own app counts: another app's file id is as foreign as
 * any other URL, so a tenant can neither keep nor free another's files.
 *
 * <p>Only a reference the app's backend or an operator set frees its file when it moves away. A
 * user may name any URL as their avatar (the chat surface lets them), another user's picture too:
 * such a reference keeps the file like any other, but leaving it never frees it, or anyone could
 * have any file of the app swept by naming it and moving on.
 *
 * <p>An event is applied once (processed-event mark) and only when it is not older than what the
 * user's reference was last set from (the event's {@code occurredAt}), so redelivered and
 * reordered events are harmless. All of it happens under the app's lock, which the sweeper and
 * every upload and deletion of the app take as well: a file is never swept while an event is
 * making it an avatar again, and two users leaving the same file at once cannot both miss it.
 */
@Component
class TrackingAvatars {

    static final String CONSUMER = "asset-service.avatar-references";

    private static final Logger log = LoggerFactory.getLogger(TrackingAvatars.class);

    sealed interface Outcome {

        /** The user's reference is now {@code fileId} (null: none of this app's files); {@code orphaned} lost its last one. */
        record Applied(UUID userId, UUID fileId, UUID orphaned) implements Outcome {
        }

        /** The user's reference was set from a newer event, or the user was deleted. */
        record Stale(UUID eventId) implements Outcome {
        }

        /** This very event was applied before. */
        record Duplicate(UUID eventId) implements Outcome {
        }

        /** Not an event this service acts on (other types are the most), or one it cannot read. */
        record Skipped(String why) implements Outcome {
        }
    }

    /** What an event says of the user's avatar. */
    private record Told(UUID userId, String avatarUrl, boolean userDeleted, boolean byApp) {
    }

    private final JsonMapper json;
    private final TransactionTemplate transaction;
    private final ProcessedEvents processedEvents;
    private final AvatarReferences references;
    private final OrphanedFiles orphans;
    private final AppFiles files;
    private final Clock clock;

    TrackingAvatars(JsonMapper json, TransactionTemplate transaction, ProcessedEvents processedEvents, AvatarReferences references,
            OrphanedFiles orphans, AppFiles files, ObjectProvider<Clock> clock) {
        this.json = json;
        this.transaction = transaction;
        this.processedEvents = processedEvents;
        this.references = references;
        this.orphans = orphans;
        this.files = files;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** Applies one record of the user-events topic. */
    Outcome apply(String record) {
        EventEnvelope envelope;
        Told told;
        try {
            envelope = json.readValue(record, EventEnvelope.class);
            told = read(envelope);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            // Retrying cannot fix an unreadable record, and throwing would hold up the partition.
            log.warn("Skipping an unreadable user event: {}", e.getMessage());
            return new Outcome.Skipped("unreadable");
        }
        if (told == null) {
            return new Outcome.Skipped(envelope.type() + " v" + envelope.version() + " says nothing of avatars");
        }
        if (told.userId() == null) {
            log.warn("Skipping user event {}: no user id", envelope.eventId());
            return new Outcome.Skipped("no user id");
        }
        // Microseconds, as PostgreSQL keeps them: an event compared with itself is not newer.
        Instant occurredAt = envelope.occurredAt().truncatedTo(ChronoUnit.MICROS);
        String appId = envelope.appId();
        try {
            return transaction.execute(status -> applyLocked(envelope, told, appId, occurredAt));
        } catch (DataIntegrityViolationException refused) {
            // Text PostgreSQL cannot store (a NUL in the app id): as unreadable as bad JSON, and
            // retrying it would hold up the partition forever. A database away is no such error.
            log.warn("Skipping user event {}: the database refused it: {}", envelope.eventId(),
                    refused.getMostSpecificCause().getMessage());
            return new Outcome.Skipped("refused by the database");
        }
    }

    private Outcome applyLocked(EventEnvelope envelope, Told told, String appId, Instant occurredAt) {
        files.lockApp(appId);
        if (!processedEvents.firstTime(CONSUMER, envelope.eventId())) {
            return new Outcome.Duplicate(envelope.eventId());
        }
        AvatarReference current = references.find(appId, told.userId()).orElse(null);
        if (current != null && (current.userDeleted() || current.changedAt().isAfter(occurredAt))) {
            log.info("User event {} of user {} is older than the avatar reference kept; ignored", envelope.eventId(), told.userId());
            return new Outcome.Stale(envelope.eventId());
        }
        UUID fileId = told.userDeleted() ? null : fileOf(appId, told.avatarUrl());
        references.save(new AvatarReference(appId, told.userId(), fileId, occurredAt, told.userDeleted(), told.byApp()));
        if (fileId != null && orphans.clear(fileId)) {
            log.info("File {} of app {} is an avatar again; no longer to be swept", fileId, appId);
        }
        // A reference the user set frees nothing; nor does one this service never heard of (the
        // topic no longer reaching back that far): who set it is not known.
        UUID before = current != null && current.setByApp() ? current.fileId() : null;
        UUID orphaned = null;
        if (before != null && !before.equals(fileId) && !references.isReferenced(before)) {
            orphans.mark(appId, before, clock.instant());
            orphaned = before;
        }
        return new Outcome.Applied(told.userId(), fileId, orphaned);
    }

    /** The app's own file the URL names; null for any other URL, another app's file included. */
    private UUID fileOf(String appId, String url) {
        return files.fileIdOf(url).filter(id -> files.holds(appId, id)).orElse(null);
    }

    /** What the event tells of an avatar; null for the types and versions this service does not read. */
    private Told read(EventEnvelope envelope) {
        if (UserProfileUpdated.TYPE.equals(envelope.type()) && envelope.version() == UserProfileUpdated.VERSION) {
            UserProfileUpdated updated = json.treeToValue(envelope.payload(), UserProfileUpdated.class);
            // The event carries the whole profile after every change, so a null avatar means none.
            boolean byApp = UserProfileUpdated.BY_APP.equals(updated.changedBy())
                    || UserProfileUpdated.BY_OPERATOR.equals(updated.changedBy());
            return new Told(updated.userId(), updated.avatarUrl(), false, byApp);
        }
        if (UserDeleted.TYPE.equals(envelope.type()) && envelope.version() == UserDeleted.VERSION) {
            UserDeleted deleted = json.treeToValue(envelope.payload(), UserDeleted.class);
            return new Told(deleted.userId(), deleted.avatarUrl(), true, false);
        }
        return null;
    }
}
