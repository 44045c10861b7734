package io.passportsuite.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Mono;

/** Counters in this gateway's memory: right for a single gateway, lost on restart. */
final class InMemoryRateLimitStore implements RateLimitStore {

    // Closed windows are swept every so many increments, so memory follows the active keys only.
    private static final int SWEEP_EVERY = 1024;

    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final AtomicLong increments = new AtomicLong();
    private final Clock clock;

    InMemoryRateLimitStore(Clock clock) {
        this.clock = clock;
    }

    private record Counter(long count, long closesAtMillis) {
    }

    @Override
    public Mono<Window> increment(String key, Duration window) {
        long now = clock.millis();
        if (increments.incrementAndGet() % SWEEP_EVERY == 0) {
            counters.values().removeIf(counter -> counter.closesAtMillis() <= now);
        }
        Counter counter = counters.compute(key, (k, current) -> current == null || current.closesAtMillis() <= now
                ? new Counter(1, now + window.toMillis())
                : new Counter(current.count() + 1, current.closesAtMillis()));
        return Mono.just(new Window(counter.count(), Duration.ofMillis(counter.closesAtMillis() - now)));
    }

    @Override
    public Mono<Window> peek(String key) {
        long now = clock.millis();
        Counter counter = counters.get(key);
        if (counter == null || counter.closesAtMillis() <= now) {
            return Mono.just(Window.EMPTY);
        }
        return Mono.just(new Window(counter.count(), Duration.ofMillis(counter.closesAtMillis() - now)));
    }

    int size() {
        return counters.size();
    }
}
