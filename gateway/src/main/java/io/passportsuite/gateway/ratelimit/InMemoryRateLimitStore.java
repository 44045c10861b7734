package io.passportsuite.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import reactor.core.publisher.Mono;

/**
 * Counters in this gateway's memory: right for a single gateway, lost on restart. Bounded: past
 * {@code maxKeys} the lowest counts are dropped first, so no pattern of requests, however many
 * keys it makes up, can fill the heap or push out an account's lock.
 */
final class InMemoryRateLimitStore implements RateLimitStore {

    // Closed windows are swept every so many increments, so memory follows the active keys only.
    private static final int SWEEP_EVERY = 1024;

    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final AtomicLong increments = new AtomicLong();
    private final ReentrantLock eviction = new ReentrantLock();
    private final Clock clock;
    private final int maxKeys;

    InMemoryRateLimitStore(Clock clock, int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("the in-memory rate-limit store needs room for at least one key");
        }
        this.clock = clock;
        this.maxKeys = maxKeys;
    }

    private record Counter(long count, long closesAtMillis) {
    }

    @Override
    public Mono<Window> increment(String key, Duration window) {
        long now = clock.millis();
        if (increments.incrementAndGet() % SWEEP_EVERY == 0) {
            counters.values().removeIf(counter -> counter.closesAtMillis() <= now);
        }
        if (counters.size() >= maxKeys && !counters.containsKey(key)) {
            makeRoom(now);
        }
        Counter counter = counters.compute(key, (k, current) -> current == null || current.closesAtMillis() <= now
                ? new Counter(1, now + window.toMillis())
                : new Counter(current.count() + 1, current.closesAtMillis()));
        return Mono.just(new Window(counter.count(), Duration.ofMillis(counter.closesAtMillis() - now)));
    }

    /**
     * Drops closed windows, then, if that was not enough, the open ones with the lowest counts
     * (closing soonest first among equal counts) until a tenth of the room is free: a flood of
     * made-up keys counts 1 each and goes before the counter of an account near or at its limit,
     * which would otherwise be wiped to grant more guesses. Freeing a tenth at once sorts the map
     * once per many new keys rather than once per key. One thread at a time; the others go on (the bound may be passed by the
     * requests in flight, not more).
     */
    private void makeRoom(long now) {
        if (!eviction.tryLock()) {
            return;
        }
        try {
            counters.values().removeIf(counter -> counter.closesAtMillis() <= now);
            int excess = counters.size() - (maxKeys - Math.max(1, maxKeys / 10));
            if (excess <= 0) {
                return;
            }
            counters.entrySet().stream()
                    .sorted(Comparator.comparingLong((Map.Entry<String, Counter> entry) -> entry.getValue().count())
                            .thenComparingLong(entry -> entry.getValue().closesAtMillis()))
                    .limit(excess)
                    .map(Map.Entry::getKey)
                    .toList()
                    .forEach(counters::remove);
        } finally {
            eviction.unlock();
        }
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

    /** How many keys are held, closed windows not yet swept included. */
    int size() {
        return counters.size();
    }
}
