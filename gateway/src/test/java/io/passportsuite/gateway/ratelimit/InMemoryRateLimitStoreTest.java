package io.passportsuite.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.passportsuite.common.testing.TestClock;
import io.passportsuite.gateway.ratelimit.RateLimitStore.Window;

class InMemoryRateLimitStoreTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final InMemoryRateLimitStore store = new InMemoryRateLimitStore(clock, 10_000);

    @Test
    void shouldCountWithinAWindowAndStartAgainOnceItHasPassed() {
        store.increment("k", Duration.ofMinutes(15)).block();
        clock.advance(Duration.ofSeconds(60));
        Window second = store.increment("k", Duration.ofMinutes(15)).block();

        assertThat(second.count()).isEqualTo(2);
        assertThat(second.resetsIn()).isEqualTo(Duration.ofMinutes(14));
        assertThat(second.retryAfterSeconds()).isEqualTo(840);

        clock.advance(Duration.ofMinutes(14));
        assertThat(store.peek("k").block()).isEqualTo(Window.EMPTY);
        assertThat(store.increment("k", Duration.ofMinutes(15)).block().count()).isEqualTo(1);
    }

    @Test
    void shouldNotCountWhenPeeking() {
        store.increment("k", Duration.ofMinutes(1)).block();
        store.peek("k").block();

        assertThat(store.peek("k").block().count()).isEqualTo(1);
        assertThat(store.peek("other").block().count()).isZero();
    }

    @Test
    void shouldForgetClosedWindowsSoMemoryFollowsActiveKeysOnly() {
        for (int i = 0; i < 2000; i++) {
            store.increment("old-" + i, Duration.ofSeconds(1)).block();
        }
        clock.advance(Duration.ofSeconds(2));
        for (int i = 0; i < 1024; i++) {
            store.increment("new-" + i, Duration.ofSeconds(1)).block();
        }

        assertThat(store.size()).isLessThanOrEqualTo(1024);
    }

    @Test
    void shouldHoldNoMoreKeysThanItsBoundHoweverManyOpenWindowsAreMadeUp() {
        InMemoryRateLimitStore bounded = new InMemoryRateLimitStore(clock, 100);
        for (int i = 0; i < 10_000; i++) {
            bounded.increment("made-up-" + i, Duration.ofMinutes(15)).block();
        }

        assertThat(bounded.size()).isLessThanOrEqualTo(100);
        assertThat(bounded.peek("made-up-9999").block().count()).isEqualTo(1);
    }

    @Test
    void shouldDropTheWindowsClosingSoonestWhenFull() {
        InMemoryRateLimitStore bounded = new InMemoryRateLimitStore(clock, 100);
        for (int i = 0; i < 10; i++) {
            bounded.increment("locked-account", Duration.ofMinutes(15)).block();
        }
        for (int i = 0; i < 1_000; i++) {
            bounded.increment("ip-" + i, Duration.ofMinutes(1)).block();
        }

        assertThat(bounded.peek("locked-account").block().count()).isEqualTo(10);
        assertThat(bounded.size()).isLessThanOrEqualTo(100);
    }

    @Test
    void shouldKeepAnAccountsLockWhenAFloodOfMadeUpKeysClosesLater() {
        InMemoryRateLimitStore bounded = new InMemoryRateLimitStore(clock, 100);
        for (int i = 0; i < 10; i++) {
            bounded.increment("locked-account", Duration.ofMinutes(15)).block();
        }
        clock.advance(Duration.ofMinutes(5));
        // Made-up identifiers, each one failure, each window closing after the lock's.
        for (int i = 0; i < 1_000; i++) {
            bounded.increment("made-up-" + i, Duration.ofMinutes(15)).block();
        }

        assertThat(bounded.peek("locked-account").block().count()).isEqualTo(10);
        assertThat(bounded.size()).isLessThanOrEqualTo(100);
    }

    @Test
    void shouldRefuseABoundBelowOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> new InMemoryRateLimitStore(clock, 0));
    }

    @Test
    void shouldRoundRetryAfterUpToWholeSeconds() {
        assertThat(new Window(3, Duration.ofMillis(1)).retryAfterSeconds()).isEqualTo(1);
        assertThat(new Window(3, Duration.ofMillis(59_001)).retryAfterSeconds()).isEqualTo(60);
    }
}
