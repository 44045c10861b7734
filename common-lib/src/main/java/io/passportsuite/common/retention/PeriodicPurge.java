package io.passportsuite.common.retention;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Deletes data past its retention on one background thread, every {@code interval}, each kind in
 * batches of {@code batchSize} rows (one short statement each) so that a large backlog never
 * holds a long transaction or a lock on many rows. Several replicas may purge at once: a row
 * deleted twice is simply not found the second time.
 */
public final class PeriodicPurge implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicPurge.class);

    /** Deletes at most {@code limit} rows past their retention; returns how many it deleted. */
    @FunctionalInterface
    public interface Batch {
        int deleteUpTo(int limit);
    }

    private final String name;
    private final Duration interval;
    private final int batchSize;
    private final Map<String, Batch> batches;
    private volatile ScheduledExecutorService scheduler;

    public PeriodicPurge(String name, Duration interval, int batchSize, Map<String, Batch> batches) {
        if (interval.isZero() || interval.isNegative() || batchSize < 1) {
            throw new IllegalArgumentException(name + ": the purge interval and batch size must be positive");
        }
        this.name = name;
        this.interval = interval;
        this.batchSize = batchSize;
        this.batches = new LinkedHashMap<>(batches);
    }

    /** One purge of every kind until nothing is left past its retention; returns the rows deleted per kind. */
    public Map<String, Long> runOnce() {
        Map<String, Long> deleted = new LinkedHashMap<>();
        batches.forEach((kind, batch) -> {
            long total = 0;
            int last;
            do {
                last = batch.deleteUpTo(batchSize);
                total += last;
            } while (last >= batchSize && !Thread.currentThread().isInterrupted());
            deleted.put(kind, total);
            if (total > 0) {
                log.info("{}: deleted {} {} past their retention", name, total, kind);
            }
        });
        return deleted;
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name(name).factory());
        started.scheduleWithFixedDelay(this::runSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        scheduler = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = scheduler;
        scheduler = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    private void runSafely() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            // The database may be away; the next round tries again.
            log.warn("{} failed, trying again in {}: {}", name, interval, e.toString());
        }
    }
}
