package io.passportsuite.gateway.ratelimit;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    @Bean
    @ConditionalOnProperty(name = "passport.gateway.rate-limits.store", havingValue = "redis")
    RateLimitStore redisRateLimitStore(ReactiveRedisConnectionFactory redis, RateLimitProperties properties) {
        return new RedisRateLimitStore(new ReactiveStringRedisTemplate(redis), properties.redisKeyPrefix());
    }

    @Bean
    @ConditionalOnProperty(name = "passport.gateway.rate-limits.store", havingValue = "memory", matchIfMissing = true)
    RateLimitStore inMemoryRateLimitStore() {
        return new InMemoryRateLimitStore(Clock.systemUTC());
    }

    @Bean
    RateLimitFilter rateLimitFilter(RateLimitProperties properties, RateLimitStore store) {
        return new RateLimitFilter(properties, store);
    }
}
