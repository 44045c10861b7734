package io.passportsuite.common.eventing;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the relay on one background thread for the lifetime of the application: a full batch is
 * followed at once by the next, an empty one by {@code poll-interval}, and a failing round (broker
 * or database away) by a back-off that grows to a few seconds.
 */
public class OutboxRelayWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelayWorker.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final OutboxRelay relay;
    private final OutboxProperties properties;
    private volatile Thread thread;

    public OutboxRelayWorker(OutboxRelay relay, OutboxProperties properties) {
        this.relay = relay;
        this.properties = properties;
    }

    @Override
    public void start() {
        // Assigned before it starts: the loop runs only while it is the current worker thread.
        Thread worker = Thread.ofPlatform().daemon().name("outbox-relay").unstarted(this::loop);
        thread = worker;
        worker.start();
    }

    @Override
    public void stop() {
        Thread running = thread;
        thread = null;
        if (running != null) {
            running.interrupt();
            try {
                running.join(properties.sendTimeout().toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    private void loop() {
        Duration backoff = properties.pollInterval();
        while (thread == Thread.currentThread()) {
            try {
                int sent = relay.relayBatch();
                backoff = properties.pollInterval();
                if (sent < properties.batchSize()) {
                    Thread.sleep(backoff);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Outbox relay round failed, retrying in {} ms: {}", backoff.toMillis(), e.toString());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }
}
