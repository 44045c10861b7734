package io.passportsuite.asset.housekeeping;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.passportsuite.asset.file.AppFiles;
import io.passportsuite.asset.file.DeletingFile;

/**
 * Deletes files orphaned for longer than the grace period, through {@link DeletingFile}: the stored
 * object goes only with the app's last file of that content, and {@code asset.deleted} is
 * announced. Each file is deleted in a transaction of its own under the app's lock (the lock
 * {@link TrackingAvatars} applies events under), after checking that it is still marked and still
 * no avatar: several instances may sweep at once, and a file made an avatar again is never taken.
 */
@Component
class SweepingOrphans {

    private static final Logger log = LoggerFactory.getLogger(SweepingOrphans.class);

    private final OrphanedFiles orphans;
    private final AvatarReferences references;
    private final AppFiles files;
    private final DeletingFile deleting;
    private final TransactionTemplate transaction;
    private final HousekeepingSettings settings;
    private final Clock clock;
    private final Counter swept;

    SweepingOrphans(OrphanedFiles orphans, AvatarReferences references, AppFiles files, DeletingFile deleting,
            TransactionTemplate transaction, HousekeepingSettings settings, ObjectProvider<Clock> clock,
            ObjectProvider<MeterRegistry> registry) {
        this.orphans = orphans;
        this.references = references;
        this.files = files;
        this.deleting = deleting;
        this.transaction = transaction;
        this.settings = settings;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.swept = Counter.builder("asset.housekeeping.swept")
                .description("Files deleted after being no user's avatar for the grace period")
                .register(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    /** Deletes up to {@code limit} files past the grace period; returns how many it deleted. */
    int sweep(int limit) {
        Instant cutoff = clock.instant().minus(settings.gracePeriod());
        int deleted = 0;
        for (OrphanedFiles.Orphan orphan : orphans.due(cutoff, limit)) {
            try {
                if (Boolean.TRUE.equals(transaction.execute(status -> sweepOne(orphan, cutoff)))) {
                    deleted++;
                    swept.increment();
                }
            } catch (RuntimeException e) {
                // The store or the database away: the mark stays, the next round tries again.
                log.warn("Could not sweep file {} of app {}: {}", orphan.fileId(), orphan.appId(), e.toString());
            }
        }
        return deleted;
    }

    private boolean sweepOne(OrphanedFiles.Orphan orphan, Instant cutoff) {
        files.lockApp(orphan.appId());
        if (!orphans.lockIfDue(orphan.fileId(), cutoff)) {
            return false;
        }
        if (references.isReferenced(orphan.fileId())) {
            orphans.clear(orphan.fileId());
            return false;
        }
        // Joins this transaction; deleting the file's row takes its mark with it.
        boolean deleted = deleting.delete(orphan.appId(), orphan.fileId());
        if (deleted) {
            log.info("Swept file {} of app {}: no user's avatar for {}", orphan.fileId(), orphan.appId(), settings.gracePeriod());
        }
        return deleted;
    }
}
