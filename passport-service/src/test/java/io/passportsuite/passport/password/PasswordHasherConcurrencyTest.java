package io.passportsuite.passport.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Observes the concurrency limit by counting who is inside the hash, never by timing. */
class PasswordHasherConcurrencyTest {

    /** Holds every caller inside the hash until released, counting how many are in at once. */
    static final class GatedArgon2 implements Argon2Function {

        private final CountDownLatch gate = new CountDownLatch(1);
        private final AtomicInteger entered = new AtomicInteger();
        private final AtomicInteger inside = new AtomicInteger();
        private final AtomicInteger mostInside = new AtomicInteger();

        @Override
        public byte[] derive(byte[] password, Argon2Cost cost, byte[] salt, int hashLength) {
            entered.incrementAndGet();
            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                inside.decrementAndGet();
            }
            return new byte[hashLength];
        }

        void open() {
            gate.countDown();
        }
    }

    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final GatedArgon2 argon2 = new GatedArgon2();

    @AfterEach
    void stopCallers() {
        argon2.open();
        callers.shutdownNow();
    }

    @Test
    void shouldNeverOverlapTwoHashesWithOnePermit() throws Exception {
        PasswordHasher hasher = hasherWith(1);

        Future<String> first = callers.submit(() -> hasher.hash("first"));
        await().until(() -> argon2.entered.get() == 1);
        Future<String> second = callers.submit(() -> hasher.hash("second"));
        await().until(() -> hasher.hashesWaiting() == 1);

        assertThat(argon2.entered).hasValue(1);
        argon2.open();
        assertThat(first.get(10, TimeUnit.SECONDS)).startsWith("$argon2id$");
        assertThat(second.get(10, TimeUnit.SECONDS)).startsWith("$argon2id$");
        assertThat(argon2.entered).hasValue(2);
        assertThat(argon2.mostInside).hasValue(1);
    }

    @Test
    void shouldRunAsManyHashesAtOnceAsPermitsAndQueueTheRest() throws Exception {
        PasswordHasher hasher = hasherWith(2);
        String stored = validLookingHash();

        List<Future<PasswordCheck>> checks = List.of(
                callers.submit(() -> hasher.verify("a", stored)),
                callers.submit(() -> hasher.verify("b", stored)));
        await().until(() -> argon2.inside.get() == 2);
        Future<?> dummy = callers.submit(() -> hasher.verifyAgainstDummy("c"));
        await().until(() -> hasher.hashesWaiting() == 1);

        assertThat(argon2.entered).hasValue(2);
        argon2.open();
        for (Future<PasswordCheck> check : checks) {
            assertThat(check.get(10, TimeUnit.SECONDS)).isEqualTo(PasswordCheck.MISMATCH);
        }
        dummy.get(10, TimeUnit.SECONDS);
        assertThat(argon2.entered).hasValue(3);
        assertThat(argon2.mostInside).hasValue(2);
    }

    @Test
    void shouldStopWaitingWhenInterruptedAndKeepTheInterruptStatus() throws Exception {
        PasswordHasher hasher = hasherWith(1);
        Future<String> holder = callers.submit(() -> hasher.hash("holder"));
        await().until(() -> argon2.entered.get() == 1);

        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                hasher.verify("waiter", validLookingHash());
            } catch (RuntimeException e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        await().until(() -> hasher.hashesWaiting() == 1);
        waiter.interrupt();
        waiter.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(waiter.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(CancellationException.class)
                .hasCauseInstanceOf(InterruptedException.class);
        assertThat(stillInterrupted).isTrue();
        assertThat(hasher.hashesWaiting()).isZero();
        assertThat(argon2.entered).hasValue(1);

        // The interrupted waiter must not have taken or given back a permit: still one at a time.
        Future<String> next = callers.submit(() -> hasher.hash("next"));
        await().until(() -> hasher.hashesWaiting() == 1);
        argon2.open();
        holder.get(10, TimeUnit.SECONDS);
        next.get(10, TimeUnit.SECONDS);
        assertThat(argon2.mostInside).hasValue(1);
    }

    @Test
    void shouldRefuseToWaitOnAnAlreadyInterruptedThread() {
        PasswordHasher hasher = hasherWith(1);

        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> hasher.hash("password")).isInstanceOf(CancellationException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(argon2.entered).hasValue(0);
    }

    @Test
    void shouldGiveThePermitBackWhenHashingFails() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        PasswordHasher hasher = new PasswordHasher(settingsWith(1), (password, cost, salt, hashLength) -> {
            if (calls.incrementAndGet() == 1) {
                throw new OutOfMemoryError("simulated");
            }
            return new byte[hashLength];
        }, 2, 1L << 30);

        assertThatThrownBy(() -> hasher.hash("password")).isInstanceOf(OutOfMemoryError.class);
        String hash = CompletableFuture.supplyAsync(() -> hasher.hash("password"), callers).get(10, TimeUnit.SECONDS);

        assertThat(hash).startsWith("$argon2id$");
        assertThat(calls).hasValue(2);
    }

    @Test
    void shouldRefuseAtOnceWhenAsManyCallersAsAllowedAreAlreadyWaiting() throws Exception {
        PasswordHasher hasher = new PasswordHasher(settingsWith(1), new HashingLimits(1, Duration.ofSeconds(60)), argon2, 8, 1L << 30);
        Future<String> holder = callers.submit(() -> hasher.hash("holder"));
        await().until(() -> argon2.entered.get() == 1);
        Future<String> waiter = callers.submit(() -> hasher.hash("waiter"));
        await().until(() -> hasher.hashesWaiting() == 1);

        Future<String> beyond = callers.submit(() -> hasher.hash("beyond"));
        assertThatThrownBy(() -> beyond.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(HashingSaturated.class);

        argon2.open();
        holder.get(10, TimeUnit.SECONDS);
        waiter.get(10, TimeUnit.SECONDS);
        assertThat(argon2.entered).hasValue(2);
    }

    @Test
    void shouldReportRunningWaitingRefusedAndTimedHashes() throws Exception {
        PasswordHasher hasher = new PasswordHasher(settingsWith(1), new HashingLimits(1, Duration.ofSeconds(60)), argon2, 8, 1L << 30);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        hasher.bindTo(meters);
        Future<String> holder = callers.submit(() -> hasher.hash("holder"));
        await().until(() -> argon2.entered.get() == 1);
        Future<String> waiter = callers.submit(() -> hasher.hash("waiter"));
        await().until(() -> hasher.hashesWaiting() == 1);

        assertThat(meters.get("passport.password.hashing.running").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("passport.password.hashing.waiting").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("passport.password.hashing.slots").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("passport.password.hashing.waiting.limit").gauge().value()).isEqualTo(1.0);
        assertThatThrownBy(() -> hasher.hash("beyond")).isInstanceOf(HashingSaturated.class);
        assertThat(meters.get("passport.password.hashing.refusals").counter().count()).isEqualTo(1.0);

        argon2.open();
        holder.get(10, TimeUnit.SECONDS);
        waiter.get(10, TimeUnit.SECONDS);
        assertThat(meters.get("passport.password.hashing").timer().count()).isEqualTo(2);
        assertThat(meters.get("passport.password.hashing.running").gauge().value()).isZero();
        assertThat(meters.get("passport.password.hashing.waiting").gauge().value()).isZero();
    }

    @Test
    void shouldStopWaitingAfterTheLongestWaitAllowed() throws Exception {
        PasswordHasher hasher = new PasswordHasher(settingsWith(1), new HashingLimits(8, Duration.ofMillis(200)), argon2, 8, 1L << 30);
        Future<String> holder = callers.submit(() -> hasher.hash("holder"));
        await().until(() -> argon2.entered.get() == 1);

        long started = System.nanoTime();
        assertThatThrownBy(() -> hasher.verify("late", validLookingHash())).isInstanceOf(HashingSaturated.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(hasher.hashesWaiting()).isZero();

        // The caller that gave up took no permit: the next one gets the slot once it is free.
        argon2.open();
        holder.get(10, TimeUnit.SECONDS);
        assertThat(hasher.verify("next", validLookingHash())).isEqualTo(PasswordCheck.MISMATCH);
    }

    @Test
    void shouldHashOnAPlatformThreadWhenCalledFromAVirtualThread() throws Exception {
        AtomicReference<Thread> hashedOn = new AtomicReference<>();
        PasswordHasher hasher = new PasswordHasher(settingsWith(1), (password, cost, salt, hashLength) -> {
            hashedOn.set(Thread.currentThread());
            return new byte[hashLength];
        }, 2, 1L << 30);

        AtomicReference<String> hash = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> hash.set(hasher.hash("password")));
        caller.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(hash.get()).startsWith("$argon2id$");
        assertThat(hashedOn.get().isVirtual()).isFalse();
        // Its permit came back when the hash ended: the next caller is not refused or kept waiting.
        assertThat(CompletableFuture.supplyAsync(() -> hasher.hash("again"), callers).get(10, TimeUnit.SECONDS))
                .startsWith("$argon2id$");
    }

    private PasswordHasher hasherWith(int maxConcurrentHashes) {
        return new PasswordHasher(settingsWith(maxConcurrentHashes), argon2, 8, 1L << 30);
    }

    private static Argon2Settings settingsWith(int maxConcurrentHashes) {
        return new Argon2Settings(19456, 2, 1, 16, 32, maxConcurrentHashes);
    }

    private static String validLookingHash() {
        return "$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$"
                + "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA";
    }
}
