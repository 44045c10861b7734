package io.passportsuite.passport.token;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Loads the key set before the application serves anything (creating the first key if there is
 * none), then, unless {@code passport.tokens.rotation-enabled} is false, rotates and reloads every
 * {@code key-refresh-interval} on one daemon thread. Every replica reloads, so each learns within
 * one interval of the keys another replica created.
 */
@Component
class SigningKeyMaintenance implements SmartInitializingSingleton, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyMaintenance.class);

    private final SigningKeyRotation rotation;
    private final SigningKeyStore store;
    private final SigningKeyRing ring;
    private final TokenProperties properties;
    private final Clock clock;
    private volatile ScheduledExecutorService scheduler;

    SigningKeyMaintenance(SigningKeyRotation rotation, SigningKeyStore store, SigningKeyRing ring,
            TokenProperties properties, Clock clock) {
        this.rotation = rotation;
        this.store = store;
        this.ring = ring;
        this.properties = properties;
        this.clock = clock;
    }

    /** Runs after Flyway migrated and before the web server starts. */
    @Override
    public void afterSingletonsInstantiated() {
        rotation.ensureActiveKey();
        reload();
    }

    void reload() {
        ring.replace(store.publishedAt(clock.instant()));
    }

    /** One background round; a failure (database away) keeps the keys already loaded. */
    void runOnce() {
        try {
            rotation.rotate();
        } catch (RuntimeException e) {
            log.warn("Signing key rotation failed, retrying in {}: {}", properties.keyRefreshInterval(), e.toString());
        }
        try {
            reload();
        } catch (RuntimeException e) {
            log.warn("Reloading the signing keys failed, keeping those loaded: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (!properties.rotationEnabled() || scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("signing-key-maintenance").factory());
        long interval = properties.keyRefreshInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::runOnce, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
