package io.passportsuite.passport.token;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps {@code signing_key} on schedule. Only the replica holding the rotation lock acts, in one
 * transaction:
 * <ol>
 * <li>if no key signs now, one is created that signs at once (first start);</li>
 * <li>when the newest key has signed for {@code rotation-period}, a successor is created that is
 * published now but signs only after {@code publish-ahead};</li>
 * <li>a key retires when its successor activates and stays published for the longest token
 * lifetime plus the clock skew after that, so every token it signed can still be verified;</li>
 * <li>keys past that are deleted, and leave the JWKS.</li>
 * </ol>
 */
@Component
class SigningKeyRotation {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyRotation.class);
    private static final int STARTUP_LOCK_TIMEOUT_SECONDS = 30;

    private final SigningKeyStore store;
    private final TransactionTemplate transaction;
    private final TokenProperties properties;
    private final Clock clock;

    SigningKeyRotation(SigningKeyStore store, PlatformTransactionManager transactionManager, TokenProperties properties,
            Clock clock) {
        this.store = store;
        this.transaction = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * At start-up: waits for the lock rather than skipping, so that a replica starting next to
     * another finds the key the other created instead of starting without one.
     */
    void ensureActiveKey() {
        transaction.executeWithoutResult(status -> {
            store.lockRotation(STARTUP_LOCK_TIMEOUT_SECONDS);
            keepOnSchedule(now());
        });
    }

    /** One periodic round; false when another replica held the lock and so did the work. */
    boolean rotate() {
        Boolean ran = transaction.execute(status -> {
            if (!store.tryLockRotation()) {
                return false;
            }
            keepOnSchedule(now());
            return true;
        });
        return Boolean.TRUE.equals(ran);
    }

    private void keepOnSchedule(Instant now) {
        List<SigningKey> keys = store.schedule();
        if (keys.stream().noneMatch(key -> key.signsAt(now))) {
            create(now, now);
            keys = store.schedule();
        }
        SigningKey newest = keys.stream().max(Comparator.comparing(SigningKey::activatesAt)).orElseThrow();
        if (!newest.activatesAt().plus(properties.rotationPeriod()).isAfter(now)) {
            create(now, now.plus(properties.publishAhead()));
            keys = store.schedule();
        }
        retireSuperseded(keys);
        int deleted = store.deleteExpired(now);
        if (deleted > 0) {
            log.info("Removed {} signing key(s) whose tokens have all expired", deleted);
        }
    }

    private void create(Instant now, Instant activatesAt) {
        SigningKey key = SigningKey.generate(now, activatesAt);
        store.insert(key);
        log.info("Created signing key {}, signing from {}", key.kid(), activatesAt);
    }

    /** Keys come oldest activation first: each one still open retires when the next one activates. */
    private void retireSuperseded(List<SigningKey> keys) {
        for (int i = 0; i + 1 < keys.size(); i++) {
            SigningKey key = keys.get(i);
            if (key.retiresAt() == null) {
                Instant retiresAt = keys.get(i + 1).activatesAt();
                store.retire(key.kid(), retiresAt, retiresAt.plus(properties.retiredKeyOverlap()));
                log.info("Signing key {} stops signing at {}", key.kid(), retiresAt);
            }
        }
    }

    /** Whole seconds, like the times in a token. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
