package io.passportsuite.gateway.ratelimit;

import java.time.Duration;
import java.util.List;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import reactor.core.publisher.Mono;

/**
 * Counters in Redis, shared by every gateway. Each operation is one Lua script, so the count and
 * its expiry are set atomically: a crash between INCR and EXPIRE can never leave a key that
 * never expires and locks an account for good.
 */
final class RedisRateLimitStore implements RateLimitStore {

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> INCREMENT = RedisScript.of("""
            local count = redis.call('INCR', KEYS[1])
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl < 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
              ttl = tonumber(ARGV[1])
            end
            return {count, ttl}
            """, List.class);

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> PEEK = RedisScript.of("""
            local count = redis.call('GET', KEYS[1])
            if not count then
              return {0, 0}
            end
            return {tonumber(count), redis.call('PTTL', KEYS[1])}
            """, List.class);

    private final ReactiveStringRedisTemplate redis;
    private final String keyPrefix;

    RedisRateLimitStore(ReactiveStringRedisTemplate redis, String keyPrefix) {
        this.redis = redis;
        this.keyPrefix = keyPrefix;
    }

    @Override
    public Mono<Window> increment(String key, Duration window) {
        return run(INCREMENT, key, String.valueOf(window.toMillis()));
    }

    @Override
    public Mono<Window> peek(String key) {
        return run(PEEK, key);
    }

    private Mono<Window> run(@SuppressWarnings("rawtypes") RedisScript<List> script, String key, String... args) {
        return redis.execute(script, List.of(keyPrefix + key), List.of(args))
                .next()
                .map(RedisRateLimitStore::window)
                .defaultIfEmpty(Window.EMPTY);
    }

    private static Window window(List<?> reply) {
        long count = ((Number) reply.get(0)).longValue();
        long ttl = Math.max(0, ((Number) reply.get(1)).longValue());
        return new Window(count, Duration.ofMillis(ttl));
    }
}
