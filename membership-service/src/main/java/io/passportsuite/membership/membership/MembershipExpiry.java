package io.passportsuite.membership.membership;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Runs {@link ExpiringMemberships} on one background thread every {@code passport.membership.expiry.interval}. */
@Component
class MembershipExpiry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MembershipExpiry.class);

    private final ExpiringMemberships expiring;
    private final ExpirySettings settings;
    private volatile ScheduledExecutorService scheduler;

    MembershipExpiry(ExpiringMemberships expiring, ExpirySettings settings) {
        if (settings.interval().isZero() || settings.interval().isNegative() || settings.batchSize() < 1) {
            throw new IllegalArgumentException("passport.membership.expiry: the interval and batch size must be positive");
        }
        this.expiring = expiring;
        this.settings = settings;
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("membership-expiry").factory());
        long millis = settings.interval().toMillis();
        started.scheduleWithFixedDelay(this::runSafely, millis, millis, TimeUnit.MILLISECONDS);
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
            expiring.expireEnded();
        } catch (RuntimeException e) {
            // The database may be away; the next round tries again.
            log.warn("Expiring memberships failed, trying again in {}: {}", settings.interval(), e.toString());
        }
    }
}
