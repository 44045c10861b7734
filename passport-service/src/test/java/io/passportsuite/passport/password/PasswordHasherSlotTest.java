package io.passportsuite.passport.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every hash slot comes back exactly once, whatever happens to the hash or its caller: the pool a
 * virtual thread hands its hash to is held here, so a hash can be made to wait in its queue.
 */
class PasswordHasherSlotTest {

    /** Hashes (zeros) once its gate is open, counting who is inside; can be made to fail instead. */
    static final class ScriptedArgon2 implements Argon2Function {

        private final AtomicInteger entered = new AtomicInteger();
        private final AtomicInteger inside = new AtomicInteger();
        private volatile CountDownLatch gate = new CountDownLatch(0);
        private volatile RuntimeException failure;

        @Override
        public byte[] derive(byte[] password, Argon2Cost cost, byte[] salt, int hashLength) {
            entered.incrementAndGet();
            inside.incrementAndGet();
            try {
                gate.await();
                if (failure != null) {
                    throw failure;
                }
                return new byte[hashLength];
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                inside.decrementAndGet();
            }
        }

        void hold() {
            gate = new CountDownLatch(1);
        }

        void open() {
            gate.countDown();
        }
    }

    /**
     * Keeps the hashes handed to it until {@link #runHeld()}, then runs each on a platform thread of
     * its own; can fail the next hand-over, before or after taking the hash in.
     */
    static final class HeldPool extends AbstractExecutorService {

        private final List<Runnable> held = new ArrayList<>();
        private final List<Thread> started = new ArrayList<>();
        private boolean holding = true;
        private Error nextFailure;
        private boolean keepBeforeFailing;

        @Override
        public synchronized void execute(Runnable task) {
            if (nextFailure != null) {
                Error failure = nextFailure;
                nextFailure = null;
                if (keepBeforeFailing) {
                    held.add(task);
                }
                throw failure;
            }
            if (holding) {
                held.add(task);
            } else {
                started.add(Thread.ofPlatform().daemon().start(task));
            }
        }

        synchronized int heldCount() {
            return held.size();
        }

        synchronized void failNextHandOver(Error failure, boolean keepTheHash) {
            nextFailure = failure;
            keepBeforeFailing = keepTheHash;
        }

        /** Runs what is held and from now on runs every hash as soon as it is handed over. */
        synchronized void runHeld() {
            holding = false;
            held.forEach(task -> started.add(Thread.ofPlatform().daemon().start(task)));
            held.clear();
        }

        void awaitIdle() throws InterruptedException {
            List<Thread> threads;
            synchronized (this) {
                threads = List.copyOf(started);
            }
            for (Thread thread : threads) {
                assertThat(thread.join(Duration.ofSeconds(10))).isTrue();
            }
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return false;
        }
    }

    private final ScriptedArgon2 argon2 = new ScriptedArgon2();
    private final HeldPool pool = new HeldPool();

    @AfterEach
    void letEverythingFinish() {
        argon2.open();
        pool.runHeld();
    }

    @Test
    void shouldGiveTheSlotBackWhenACallerIsInterruptedWhileItsHashIsQueued() throws Exception {
        PasswordHasher hasher = hasherWith(2);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread leaving = Thread.ofVirtual().start(() -> {
            try {
                hasher.hash("leaving");
            } catch (RuntimeException e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        FutureTask<String> staying = onVirtualThread(() -> hasher.hash("staying"));
        await().until(() -> pool.heldCount() == 2);
        assertThat(hasher.freeSlots()).isZero();

        leaving.interrupt();
        assertThat(leaving.join(Duration.ofSeconds(10))).isTrue();

        assertThat(thrown.get()).isInstanceOf(CancellationException.class).hasCauseInstanceOf(InterruptedException.class);
        assertThat(stillInterrupted).isTrue();
        assertThat(hasher.freeSlots()).isEqualTo(1);

        pool.runHeld();
        assertThat(staying.get(10, TimeUnit.SECONDS)).startsWith("$argon2id$");
        pool.awaitIdle();
        // The hash nobody waits for any more was never computed, and its slot did not come back twice.
        assertThat(argon2.entered).hasValue(1);
        assertThat(hasher.freeSlots()).isEqualTo(2);
        assertEverySlotUsable(hasher, 2);
    }

    @Test
    void shouldKeepTheSlotUntilAHashWhoseCallerLeftEnds() throws Exception {
        PasswordHasher hasher = hasherWith(1);
        pool.runHeld();
        argon2.hold();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread leaving = Thread.ofVirtual().start(() -> {
            try {
                hasher.hash("leaving");
            } catch (RuntimeException e) {
                thrown.set(e);
            }
        });
        await().until(() -> argon2.inside.get() == 1);

        leaving.interrupt();
        assertThat(leaving.join(Duration.ofSeconds(10))).isTrue();

        assertThat(thrown.get()).isInstanceOf(CancellationException.class);
        // The hash still runs, so its slot is still taken: the bound on hashes at once holds.
        assertThat(hasher.freeSlots()).isZero();
        argon2.open();
        pool.awaitIdle();
        assertThat(hasher.freeSlots()).isEqualTo(1);
        assertEverySlotUsable(hasher, 1);
    }

    @Test
    void shouldGiveTheSlotBackWhenTheHashFunctionThrows() throws Exception {
        PasswordHasher hasher = hasherWith(2);
        pool.runHeld();
        IllegalStateException failure = new IllegalStateException("simulated");
        argon2.failure = failure;

        assertThatThrownBy(() -> onVirtualThread(() -> hasher.hash("virtual")).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isSameAs(failure);
        assertThatThrownBy(() -> hasher.verify("platform", validLookingHash())).isSameAs(failure);
        pool.awaitIdle();

        assertThat(argon2.entered).hasValue(2);
        assertThat(hasher.freeSlots()).isEqualTo(2);
        argon2.failure = null;
        assertEverySlotUsable(hasher, 2);
    }

    @Test
    void shouldGiveTheSlotBackWhenTheHashCannotBeHandedOver() throws Exception {
        PasswordHasher hasher = hasherWith(2);
        pool.runHeld();
        OutOfMemoryError failure = new OutOfMemoryError("simulated: unable to create native thread");
        pool.failNextHandOver(failure, false);

        assertThatThrownBy(() -> onVirtualThread(() -> hasher.hash("password")).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isSameAs(failure);

        assertThat(hasher.freeSlots()).isEqualTo(2);
        assertEverySlotUsable(hasher, 2);
    }

    @Test
    void shouldGiveTheSlotBackOnceWhenHandingOverFailsAfterTheHashWasQueued() throws Exception {
        PasswordHasher hasher = hasherWith(2);
        OutOfMemoryError failure = new OutOfMemoryError("simulated: unable to create native thread");
        pool.failNextHandOver(failure, true);

        assertThatThrownBy(() -> onVirtualThread(() -> hasher.hash("password")).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isSameAs(failure);
        assertThat(hasher.freeSlots()).isEqualTo(2);

        // The queued hash runs later: nobody waits for it, so it neither hashes nor gives a slot back again.
        pool.runHeld();
        pool.awaitIdle();
        assertThat(argon2.entered).hasValue(0);
        assertThat(hasher.freeSlots()).isEqualTo(2);
        assertEverySlotUsable(hasher, 2);
    }

    @Test
    void shouldStopWaitingForAHashThePoolNeverStartsAndGiveTheSlotBack() throws Exception {
        PasswordHasher hasher = hasherWith(2, Duration.ofMillis(200));

        long started = System.nanoTime();
        assertThatThrownBy(() -> onVirtualThread(() -> hasher.hash("password")).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(HashingSaturated.class);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(PasswordHasher.LEAST_HAND_OVER_WAIT);
        assertThat(hasher.freeSlots()).isEqualTo(2);
        pool.runHeld();
        pool.awaitIdle();
        assertThat(argon2.entered).hasValue(0);
        assertThat(hasher.freeSlots()).isEqualTo(2);
        assertEverySlotUsable(hasher, 2);
    }

    @Test
    void shouldWaitForAStartedHashHoweverLongItTakes() throws Exception {
        PasswordHasher hasher = hasherWith(1, Duration.ofMillis(200));
        pool.runHeld();
        argon2.hold();

        FutureTask<String> slow = onVirtualThread(() -> hasher.hash("password"));
        await().until(() -> argon2.inside.get() == 1);
        Thread.sleep(PasswordHasher.LEAST_HAND_OVER_WAIT.plusMillis(300));
        assertThat(slow).isNotDone();
        argon2.open();

        assertThat(slow.get(10, TimeUnit.SECONDS)).startsWith("$argon2id$");
        pool.awaitIdle();
        assertThat(hasher.freeSlots()).isEqualTo(1);
    }

    @Test
    void shouldHaveEverySlotFreeAfterCallersOfTheRealPoolAreInterruptedAtRandom() throws Exception {
        int slots = 2;
        PasswordHasher hasher = new PasswordHasher(new Argon2Settings(19456, 2, 1, 16, 32, slots),
                new HashingLimits(HashingLimits.MAX_WAITING, Duration.ofSeconds(60)), argon2, 8, 1L << 30);
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            callers.add(Thread.ofVirtual().start(() -> {
                try {
                    for (int round = 0; round < 200; round++) {
                        hasher.hash("password");
                    }
                } catch (CancellationException interrupted) {
                    // What this test is after: the caller leaves, its slot must not.
                }
            }));
        }
        for (Thread caller : callers) {
            Thread.sleep(Duration.ofNanos(ThreadLocalRandom.current().nextLong(200_000)));
            caller.interrupt();
        }
        for (Thread caller : callers) {
            assertThat(caller.join(Duration.ofSeconds(30))).isTrue();
        }

        // Hashes whose callers left may still be ending; each gives its slot back once.
        await().until(() -> hasher.freeSlots() == slots);
        argon2.hold();
        List<FutureTask<String>> hashes = List.of(onVirtualThread(() -> hasher.hash("a")),
                onVirtualThread(() -> hasher.hash("b")));
        await().until(() -> argon2.inside.get() == slots);
        argon2.open();
        for (FutureTask<String> hash : hashes) {
            assertThat(hash.get(10, TimeUnit.SECONDS)).startsWith("$argon2id$");
        }
        await().until(() -> hasher.freeSlots() == slots);
        assertThat(hasher.hashesWaiting()).isZero();
    }

    /** As many hashes as there are slots run at once, one more waits, and all slots are free after. */
    private void assertEverySlotUsable(PasswordHasher hasher, int slots) throws Exception {
        pool.runHeld();
        argon2.hold();
        int before = argon2.entered.get();
        List<FutureTask<String>> hashes = new ArrayList<>();
        for (int i = 0; i < slots; i++) {
            hashes.add(onVirtualThread(() -> hasher.hash("concurrent")));
        }
        await().until(() -> argon2.inside.get() == slots);
        hashes.add(onVirtualThread(() -> hasher.hash("one more")));
        await().until(() -> hasher.hashesWaiting() == 1);
        assertThat(argon2.inside).hasValue(slots);

        argon2.open();
        ConcurrentLinkedQueue<String> results = new ConcurrentLinkedQueue<>();
        for (FutureTask<String> hash : hashes) {
            results.add(hash.get(10, TimeUnit.SECONDS));
        }
        pool.awaitIdle();
        assertThat(results).hasSize(slots + 1).allSatisfy(result -> assertThat(result).startsWith("$argon2id$"));
        assertThat(argon2.entered).hasValue(before + slots + 1);
        assertThat(hasher.freeSlots()).isEqualTo(slots);
    }

    private PasswordHasher hasherWith(int slots) {
        return hasherWith(slots, Duration.ofSeconds(60));
    }

    private PasswordHasher hasherWith(int slots, Duration maxWait) {
        return new PasswordHasher(new Argon2Settings(19456, 2, 1, 16, 32, slots), new HashingLimits(8, maxWait),
                argon2, 8, 1L << 30, threads -> pool);
    }

    private static <T> FutureTask<T> onVirtualThread(Callable<T> call) {
        FutureTask<T> task = new FutureTask<>(call);
        Thread.ofVirtual().start(task);
        return task;
    }

    private static String validLookingHash() {
        return "$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$"
                + "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA";
    }
}
