package io.passportsuite.passport.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class UsableSessionsTest {

    private final UUID session = UUID.randomUUID();
    private final UUID user = UUID.randomUUID();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicBoolean usableInDatabase = new AtomicBoolean(true);
    private final List<Runnable> pendingRefreshes = new ArrayList<>();

    /** Background work (refreshes, cache upkeep) runs only when the test says so, to see what requests get meanwhile. */
    private final UsableSessions sessions = new UsableSessions((sessionId, userId) -> {
        reads.incrementAndGet();
        return usableInDatabase.get() && sessionId.equals(session) && userId.equals(user);
    }, nanos::get, pendingRefreshes::add);

    private void advanceMillis(long millis) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private void runRefreshes() {
        List<Runnable> due = List.copyOf(pendingRefreshes);
        pendingRefreshes.clear();
        due.forEach(Runnable::run);
    }

    @Test
    void shouldReadTheDatabaseOnceWhileTheAnswerIsFresh() {
        assertThat(sessions.usable(session, user)).isTrue();
        advanceMillis(400);
        assertThat(sessions.usable(session, user)).isTrue();

        runRefreshes();
        assertThat(reads).as("no read, in the foreground or the background").hasValue(1);
    }

    @Test
    void shouldKeepAnsweringFromMemoryWhileAnAgeingEntryIsReadAgainInTheBackground() {
        sessions.usable(session, user);
        advanceMillis(600);

        assertThat(sessions.usable(session, user)).isTrue();
        assertThat(reads).as("the request did not wait for the database").hasValue(1);

        usableInDatabase.set(false);
        runRefreshes();

        assertThat(reads).hasValue(2);
        assertThat(sessions.usable(session, user)).as("the background read found it revoked").isFalse();
    }

    @Test
    void shouldNeverAnswerFromAnEntryOlderThanASecond() {
        sessions.usable(session, user);
        usableInDatabase.set(false);
        advanceMillis(1_001);

        assertThat(sessions.usable(session, user)).isFalse();
        assertThat(reads).hasValue(2);
    }

    @Test
    void shouldNotRememberARefusal() {
        usableInDatabase.set(false);
        assertThat(sessions.usable(session, user)).isFalse();

        usableInDatabase.set(true);
        assertThat(sessions.usable(session, user)).isTrue();
        assertThat(reads).hasValue(2);
    }

    @Test
    void shouldForgetASessionAtOnce() {
        sessions.usable(session, user);
        usableInDatabase.set(false);

        sessions.forget(session, user);

        assertThat(sessions.usable(session, user)).isFalse();
    }

    @Test
    void shouldNotMixUpTheUserOfASession() {
        assertThat(sessions.usable(session, user)).isTrue();
        assertThat(sessions.usable(session, UUID.randomUUID())).isFalse();
    }

    @Test
    void shouldShareOneReadAmongConcurrentChecksOfASession() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger slowReads = new AtomicInteger();
        UsableSessions slow = new UsableSessions((sessionId, userId) -> {
            slowReads.incrementAndGet();
            reading.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        });

        try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> answers = new ArrayList<>();
            answers.add(requests.submit(() -> slow.usable(session, user)));
            assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 31; i++) {
                answers.add(requests.submit(() -> slow.usable(session, user)));
            }
            Thread.sleep(100);
            release.countDown();
            for (Future<Boolean> answer : answers) {
                assertThat(answer.get(5, TimeUnit.SECONDS)).isTrue();
            }
        }
        assertThat(slowReads).hasValue(1);
    }
}
