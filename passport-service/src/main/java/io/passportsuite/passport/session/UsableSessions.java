package io.passportsuite.passport.session;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.BiPredicate;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Sessions seen usable within the last second. Every use of an access token checks its session;
 * this spares the database nearly all of those reads under load. A revocation made by this
 * replica is seen at once (the entry is dropped); one made by another replica within a second,
 * while the gateway's deny-list refuses the token at the edge meanwhile.
 *
 * <p>Concurrent checks of one session share one read, and an entry older than half a second is
 * read again in the background while requests keep the answer they have: when all entries
 * simply expired, every request in flight for a busy session missed at the same moment and
 * queued for the database pool, once a second. Only "usable" is remembered; a refused session
 * is read again on its next use.
 */
final class UsableSessions {

    static final Duration MAX_AGE = Duration.ofSeconds(1);
    static final Duration REFRESH_AFTER = Duration.ofMillis(500);

    private record Key(UUID sessionId, UUID userId) {
    }

    private final LoadingCache<Key, Boolean> usable;

    /** {@code check} reads the session's state from the database. */
    UsableSessions(BiPredicate<UUID, UUID> check) {
        // Background reads block on JDBC: virtual threads, not the common fork-join pool.
        this(check, Ticker.systemTicker(), Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("session-check-", 0).factory()));
    }

    UsableSessions(BiPredicate<UUID, UUID> check, Ticker ticker, Executor refreshes) {
        this.usable = Caffeine.newBuilder()
                .expireAfterWrite(MAX_AGE)
                .refreshAfterWrite(REFRESH_AFTER)
                .maximumSize(100_000)
                .ticker(ticker)
                .executor(refreshes)
                // null: nothing is stored, and a refresh that finds the session refused drops the entry.
                .build(key -> check.test(key.sessionId(), key.userId()) ? Boolean.TRUE : null);
    }

    boolean usable(UUID sessionId, UUID userId) {
        return usable.get(new Key(sessionId, userId)) == Boolean.TRUE;
    }

    void forget(UUID sessionId, UUID userId) {
        usable.invalidate(new Key(sessionId, userId));
    }
}
