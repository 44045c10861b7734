package io.passportsuite.notification.delivery;

import java.time.Duration;
import java.util.Optional;
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

    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

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

    /**
     * Attempts what is due now, claiming one delivery at a time: a claimed batch would have to be
     * sent within one lease, and a slow server could let another instance claim its tail again.
     */
    int attemptDue() {
        int attempted = 0;
        Optional<Delivery> next;
        while (thread != null && (next = deliveries.claimNextDue(settings.claimLease())).isPresent()) {
            attempting.attempt(next.get());
            attempted++;
        }
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
                // Long enough for an attempt in flight to finish; one cut short is retried after its lease.
                worker.join(SHUTDOWN_WAIT.toMillis());
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
