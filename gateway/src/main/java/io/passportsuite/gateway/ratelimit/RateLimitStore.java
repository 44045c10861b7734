package io.passportsuite.gateway.ratelimit;

import java.time.Duration;

import reactor.core.publisher.Mono;

/** Fixed-window counters: a window opens at a key's first count and closes {@code window} later. */
interface RateLimitStore {

    /** Counts one more request for the key and answers the count in its current window. */
    Mono<Window> increment(String key, Duration window);

    /** The count in the key's current window, without counting. */
    Mono<Window> peek(String key);

    /** @param resetsIn how long until the window closes; zero when there is none */
    record Window(long count, Duration resetsIn) {

        static final Window EMPTY = new Window(0, Duration.ZERO);

        long retryAfterSeconds() {
            long millis = resetsIn.toMillis();
            return Math.max(1, (millis + 999) / 1000);
        }
    }
}
