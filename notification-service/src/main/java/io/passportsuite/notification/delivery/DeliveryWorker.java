package io.passportsuite.notification.delivery;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Attempts due deliveries on one background thread: woken at once when a request is accepted,
 * and every {@code poll-interval} for retries. Everything it needs is in the database, so after a
 * restart it simply carries on with the rows that are due.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final Deliveries deliveries;
    private final AttemptingDelivery attempting;
    private final DeliverySettings settings;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile Thread thread;

    DeliveryWorker(Deliveries deliveries, AttemptingDelivery attempting, DeliverySettings settings) {
        this.deliveries = deliveries;
        this.attempting = attempting;
        this.settings = settings;
    }

    void wake() {
        wakeUp.release();
    }

    /** Attempts what is due now; returns how many deliveries it attempted. */
    int attemptDue() {
        int attempted = 0;
        List<Delivery> batch;
        do {
            batch = deliveries.claimDue(settings.batchSize(), settings.claimLease());
            batch.forEach(attempting::attempt);
            attempted += batch.size();
        } while (batch.size() == settings.batchSize() && thread != null);
        return attempted;
    }

    private void run() {
        while (thread != null) {
            try {
                attemptDue();
            } catch (RuntimeException e) {
                log.warn("Delivery round failed, trying again in {}: {}", settings.pollInterval(), e.getMessage());
            }
            try {
                wakeUp.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void start() {
        // Registered before it runs, so the loop cannot see a null thread and exit at once.
        Thread worker = Thread.ofPlatform().name("delivery-worker").daemon().unstarted(this::run);
        thread = worker;
        worker.start();
    }

    @Override
    public void stop() {
        Thread worker = thread;
        thread = null;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(settings.claimLease().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
