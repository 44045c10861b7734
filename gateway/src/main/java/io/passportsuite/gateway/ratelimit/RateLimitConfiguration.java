package io.passportsuite.gateway.ratelimit;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
    RateLimitStore inMemoryRateLimitStore(RateLimitProperties properties, MeterRegistry meters) {
        InMemoryRateLimitStore store = new InMemoryRateLimitStore(Clock.systemUTC(), properties.memoryMaxKeys());
        Gauge.builder("passport.gateway.rate.limit.keys", store, InMemoryRateLimitStore::size)
                .description("Counters held by the in-memory rate-limit store (bounded by memory-max-keys)")
                .register(meters);
        return store;
    }

    /** Who the client is, for the limits and for the address the gateway hands to services. */
    @Bean
    ClientIpResolver clientIpResolver(RateLimitProperties properties) {
        return new ClientIpResolver(properties.trustedProxies());
    }

    @Bean
    RoutedAppRecorder routedAppRecorder() {
        return new RoutedAppRecorder();
    }

    @Bean
    RateLimitFilter rateLimitFilter(RateLimitProperties properties, RateLimitStore store, ClientIpResolver clientIp,
            MeterRegistry meters) {
        return new RateLimitFilter(properties, store, clientIp, meters);
    }

    @Bean
    VerifiedUserRateLimitFilter verifiedUserRateLimitFilter(RateLimitProperties properties, RateLimitStore store,
            ClientIpResolver clientIp, MeterRegistry meters) {
        return new VerifiedUserRateLimitFilter(RateLimitFilter.perVerifiedUser(properties, store, clientIp, meters));
    }
}
