package io.passportsuite.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same scenarios with counters in the Redis at 127.0.0.1:6379, under a prefix of this run's own. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RedisRateLimitGatewayTest extends RateLimitGatewayTest {

    private static final String KEY_PREFIX = "test:" + UUID.randomUUID() + ":";

    @Autowired
    RateLimitStore store;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        commonProperties(registry);
        registry.add("passport.gateway.rate-limits.store", () -> "redis");
        registry.add("passport.gateway.rate-limits.redis-key-prefix", () -> KEY_PREFIX);
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> "6379");
    }

    @Test
    void shouldKeepCountersInRedisWhenConfigured() {
        assertThat(store).isInstanceOf(RedisRateLimitStore.class);
    }
}
