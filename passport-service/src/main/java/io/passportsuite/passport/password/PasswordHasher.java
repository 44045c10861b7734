package io.passportsuite.passport.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Hashes and verifies account passwords with Argon2id ({@link Argon2Settings}), stored as PHC
 * strings such as {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}.
 *
 * <p>Each hash holds {@code memoryKib} of heap and keeps a core busy for tens of milliseconds, so
 * only a bounded number run at once (about one per core); the others wait their turn in
 * arrival order, within {@link HashingLimits}: beyond them {@link HashingSaturated} is thrown
 * at once.
 *
 * <p>A hash always runs on a platform thread. Requests are served on virtual threads; called
 * from one, the hash is handed to a small platform pool (one thread per hash allowed at once)
 * and the virtual thread parks. A CPU-bound hash on a virtual thread would hold its carrier for
 * the whole run, and with one carrier per core and one hash slot per core, a burst of logins
 * would leave no carrier for token checks; platform threads are shared out by the OS scheduler.
 *
 * <p>As a {@link MeterBinder} it reports the queue to operators: hashes running and waiting, the
 * limits they run against, how long each hash takes and how many were refused. Until bound (in
 * unit tests) nothing is recorded.
 */
@Service
@EnableConfigurationProperties({Argon2Settings.class, HashingLimits.class})
public class PasswordHasher implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(PasswordHasher.class);

    /**
     * The HTTP layer rejects long passwords well before this; here it only keeps a 1 MB body from
     * reaching the hash (Argon2 would accept it, after first hashing every byte of it).
     */
    static final int MAX_PASSWORD_LENGTH = 1024;

    /**
     * The least a hash handed to the platform pool is given to start, when the configured wait
     * for a slot is shorter. A thread is free at once or moments later (one per slot); only a
     * broken pool keeps a hash waiting, and its caller must not wait for it forever.
     */
    static final Duration LEAST_HAND_OVER_WAIT = Duration.ofSeconds(1);

    private final Argon2Settings settings;
    private final Argon2Function argon2;
    private final Semaphore permits;
    private final int concurrentHashes;
    private final int maxWaiting;
    private final long maxWaitNanos;
    private final long handOverWaitNanos;
    private final AtomicInteger waiting = new AtomicInteger();
    private final ExecutorService platformHashes;
    private final SecureRandom random = new SecureRandom();
    /** Random salt and hash at the configured cost: no password ever matches it. */
    private final PhcHash dummy;
    private volatile Timer hashTime;
    private volatile Counter refusals;

    public PasswordHasher(Argon2Settings settings) {
        this(settings, HashingLimits.DEFAULTS);
    }

    @Autowired
    public PasswordHasher(Argon2Settings settings, HashingLimits limits) {
        this(settings, limits, new BouncyCastleArgon2id(settings.memoryKib()),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory());
    }

    PasswordHasher(Argon2Settings settings, Argon2Function argon2, int availableProcessors, long maxHeapBytes) {
        this(settings, HashingLimits.DEFAULTS, argon2, availableProcessors, maxHeapBytes);
    }

    PasswordHasher(Argon2Settings settings, HashingLimits limits, Argon2Function argon2, int availableProcessors,
            long maxHeapBytes) {
        this(settings, limits, argon2, availableProcessors, maxHeapBytes, threads -> Executors.newFixedThreadPool(threads,
                Thread.ofPlatform().daemon().name("password-hash-", 0).factory()));
    }

    /** @param platformPool makes the pool hashes are handed to, given one thread per hash allowed at once */
    PasswordHasher(Argon2Settings settings, HashingLimits limits, Argon2Function argon2, int availableProcessors,
            long maxHeapBytes, IntFunction<ExecutorService> platformPool) {
        this.settings = settings;
        this.argon2 = argon2;
        int concurrentHashes = settings.concurrentHashes(availableProcessors, maxHeapBytes);
        this.concurrentHashes = concurrentHashes;
        this.permits = new Semaphore(concurrentHashes, true);
        this.maxWaiting = limits.waiting(concurrentHashes);
        this.maxWaitNanos = limits.maxWait().toNanos();
        this.handOverWaitNanos = Math.max(maxWaitNanos, LEAST_HAND_OVER_WAIT.toNanos());
        // As many threads as hashes may run at once. A hash handed over can still wait in the queue
        // for moments: a thread's previous hash gives its permit back before the thread is free.
        this.platformHashes = platformPool.apply(concurrentHashes);
        this.dummy = new PhcHash(settings.cost(), randomBytes(settings.saltLength()), randomBytes(settings.hashLength()));
        log.info("Passwords hashed with argon2id m={} KiB, t={}, p={}, at most {} at once, {} waiting for at most {} ms",
                settings.memoryKib(), settings.iterations(), settings.parallelism(), concurrentHashes, maxWaiting,
                limits.maxWait().toMillis());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("passport.password.hashing.running", this, h -> h.concurrentHashes - h.permits.availablePermits())
                .description("Password hashes running now").register(registry);
        Gauge.builder("passport.password.hashing.waiting", waiting, AtomicInteger::get)
                .description("Requests waiting for a turn to hash a password").register(registry);
        Gauge.builder("passport.password.hashing.slots", this, h -> h.concurrentHashes)
                .description("Password hashes allowed to run at once").register(registry);
        Gauge.builder("passport.password.hashing.waiting.limit", this, h -> h.maxWaiting)
                .description("Requests allowed to wait for a turn; beyond it they are refused").register(registry);
        hashTime = Timer.builder("passport.password.hashing")
                .description("Time one password hash takes to compute, once it has its turn").register(registry);
        refusals = Counter.builder("passport.password.hashing.refusals")
                .description("Password hashes refused because every slot was busy and the queue full or too slow")
                .register(registry);
    }

    /**
     * @return a PHC string with a fresh random salt
     * @throws HashingSaturated when no turn to hash is free within {@link HashingLimits}, or a hash
     *         handed to the hashing threads does not start within the longest wait allowed
     * @throws IllegalArgumentException for a null password or one longer than 1024 characters
     * @throws CancellationException when interrupted while waiting for a turn (the thread's
     *         interrupt status is set again)
     */
    public String hash(String password) {
        if (!acceptable(password)) {
            throw new IllegalArgumentException(password == null
                    ? "password is null"
                    : "password is longer than " + MAX_PASSWORD_LENGTH + " characters");
        }
        byte[] salt = randomBytes(settings.saltLength());
        byte[] hash = derive(password, settings.cost(), salt, settings.hashLength());
        return new PhcHash(settings.cost(), salt, hash).encode();
    }

    /**
     * Never throws for bad input: a null or over-long password and a stored value that is not a
     * readable Argon2id PHC string are both a {@link PasswordCheck#MISMATCH}, without hashing.
     *
     * @throws HashingSaturated when no turn to hash is free within {@link HashingLimits}, or a hash
     *         handed to the hashing threads does not start within the longest wait allowed
     * @throws CancellationException when interrupted while waiting for a turn (the thread's
     *         interrupt status is set again)
     */
    public PasswordCheck verify(String password, String encoded) {
        if (!acceptable(password)) {
            return PasswordCheck.MISMATCH;
        }
        Optional<PhcHash> stored = PhcHash.parse(encoded);
        if (stored.isEmpty()) {
            return PasswordCheck.MISMATCH;
        }
        return check(password, stored.get());
    }

    /**
     * For a login to an account that does not exist: does what {@link #verify} does for an
     * account hashed at the configured cost, so response times do not tell which accounts exist.
     * That includes returning at once for a null or over-long password, as verify does.
     */
    public void verifyAgainstDummy(String password) {
        if (acceptable(password)) {
            check(password, dummy);
        }
    }

    /** Threads waiting for a turn to hash; lets tests observe the limit without timing. */
    int hashesWaiting() {
        return permits.getQueueLength();
    }

    /** Hash slots free right now; lets tests see that every slot comes back exactly once. */
    int freeSlots() {
        return permits.availablePermits();
    }

    private PasswordCheck check(String password, PhcHash stored) {
        byte[] actual = derive(password, stored.cost(), stored.salt(), stored.hash().length);
        if (!MessageDigest.isEqual(actual, stored.hash())) {
            return PasswordCheck.MISMATCH;
        }
        return isCurrent(stored) ? PasswordCheck.MATCH : PasswordCheck.MATCH_NEEDS_REHASH;
    }

    private boolean isCurrent(PhcHash stored) {
        return stored.cost().equals(settings.cost())
                && stored.hash().length == settings.hashLength()
                && stored.salt().length == settings.saltLength();
    }

    private byte[] derive(String password, Argon2Cost cost, byte[] salt, int hashLength) {
        byte[] passwordBytes = password.getBytes(StandardCharsets.UTF_8);
        try {
            acquirePermit();
            if (Thread.currentThread().isVirtual()) {
                return onPlatformThread(passwordBytes, cost, salt, hashLength);
            }
            try {
                return timed(() -> argon2.derive(passwordBytes, cost, salt, hashLength));
            } finally {
                permits.release();
            }
        } finally {
            Arrays.fill(passwordBytes, (byte) 0);
        }
    }

    /**
     * Called with a permit held. Exactly one party gives it back: the hash when it ends if it
     * started, else the caller when it leaves (interrupted, refused by the pool, tired of waiting
     * for the hash to start), and then the hash never runs. A started hash keeps its permit until
     * it ends, even once its caller has left, so the hashes running stay within the slots.
     */
    private byte[] onPlatformThread(byte[] passwordBytes, Argon2Cost cost, byte[] salt, int hashLength) {
        PlatformHash hash;
        try {
            hash = new PlatformHash(passwordBytes.clone(), cost, salt, hashLength);
        } catch (Throwable e) {
            // An OutOfMemoryError, say: nothing was handed over, so the permit is still the caller's.
            permits.release();
            throw e;
        }
        try {
            Future<byte[]> result = platformHashes.submit(hash);
            try {
                return result.get(handOverWaitNanos, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (hash.leave()) {
                    throw refused("a password hash handed to a hashing thread did not start in "
                            + handOverWaitNanos / 1_000_000 + " ms");
                }
                // It started, and takes as long as it takes on this thread.
                return result.get();
            }
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                default -> throw new IllegalStateException(e.getCause());
            }
        } catch (InterruptedException e) {
            throw cancelled(e);
        } finally {
            hash.leave();
        }
    }

    /**
     * A hash handed to the platform pool together with its caller's permit. Whichever comes first
     * claims the permit: the hash starting, or its caller leaving; the pool's own cancellation
     * would not do, as it cannot tell a queued task from a running one.
     */
    private final class PlatformHash implements Callable<byte[]> {

        private final AtomicBoolean claimed = new AtomicBoolean();
        private final byte[] password;
        private final Argon2Cost cost;
        private final byte[] salt;
        private final int hashLength;

        PlatformHash(byte[] password, Argon2Cost cost, byte[] salt, int hashLength) {
            this.password = password;
            this.cost = cost;
            this.salt = salt;
            this.hashLength = hashLength;
        }

        @Override
        public byte[] call() {
            if (!claimed.compareAndSet(false, true)) {
                return null; // Its caller left before it started and gave the permit back.
            }
            try {
                return timed(() -> argon2.derive(password, cost, salt, hashLength));
            } finally {
                Arrays.fill(password, (byte) 0);
                permits.release();
            }
        }

        /** @return whether the hash had not started, which it now never will: the permit is given back here */
        boolean leave() {
            if (!claimed.compareAndSet(false, true)) {
                return false;
            }
            Arrays.fill(password, (byte) 0);
            permits.release();
            return true;
        }
    }

    private void acquirePermit() {
        try {
            // A timed try honours the queue's arrival order, where a plain tryAcquire() would barge.
            if (permits.tryAcquire(0, TimeUnit.NANOSECONDS)) {
                return;
            }
            if (waiting.incrementAndGet() > maxWaiting) {
                waiting.decrementAndGet();
                throw refused("every password hash slot is busy and " + maxWaiting + " requests are waiting");
            }
            try {
                if (!permits.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS)) {
                    throw refused("no password hash slot became free in " + maxWaitNanos / 1_000_000 + " ms");
                }
            } finally {
                waiting.decrementAndGet();
            }
        } catch (InterruptedException e) {
            throw cancelled(e);
        }
    }

    private HashingSaturated refused(String why) {
        Counter counter = refusals;
        if (counter != null) {
            counter.increment();
        }
        return new HashingSaturated(why);
    }

    private byte[] timed(Supplier<byte[]> hash) {
        Timer timer = hashTime;
        return timer == null ? hash.get() : timer.record(hash);
    }

    private static CancellationException cancelled(InterruptedException e) {
        // Keep the interrupt visible to the caller's thread (e.g. an executor shutting down).
        Thread.currentThread().interrupt();
        CancellationException cancelled = new CancellationException("Interrupted while waiting to hash a password");
        cancelled.initCause(e);
        return cancelled;
    }

    private static boolean acceptable(String password) {
        return password != null && password.length() <= MAX_PASSWORD_LENGTH;
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
