package io.passportsuite.gateway.ratelimit;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import io.passportsuite.gateway.web.ClientIpResolver;

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

    /** Who the client is, for the limits and for the address the gateway hands to services. */
    @Bean
    ClientIpResolver clientIpResolver(RateLimitProperties properties) {
        return new ClientIpResolver(properties.trustedProxies());
    }

    @Bean
    RateLimitFilter rateLimitFilter(RateLimitProperties properties, RateLimitStore store, ClientIpResolver clientIp) {
        return new RateLimitFilter(properties, store, clientIp);
    }
}
