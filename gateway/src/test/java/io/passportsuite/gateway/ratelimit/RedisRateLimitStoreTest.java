package io.passportsuite.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CLIENT_RESPONSE_ATTR;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import io.passportsuite.gateway.ratelimit.RateLimitProperties.Key;
import io.passportsuite.gateway.ratelimit.RateLimitProperties.Rule;
import io.passportsuite.gateway.ratelimit.RateLimitProperties.Store;
import io.passportsuite.gateway.ratelimit.RateLimitStore.Window;
import io.passportsuite.gateway.web.ClientIpResolver;
import reactor.core.publisher.Mono;

/** Two gateways' worth of stores and limiters on separate connections to the Redis at 127.0.0.1:6379. */
class RedisRateLimitStoreTest {

    private final String prefix = "test:" + UUID.randomUUID() + ":";
    private static LettuceConnectionFactory firstConnection;
    private static LettuceConnectionFactory secondConnection;
    private final AtomicInteger serviceCalls = new AtomicInteger();
    private RedisRateLimitStore first;
    private RedisRateLimitStore second;

    @BeforeAll
    static void connect() {
        firstConnection = connection();
        secondConnection = connection();
    }

    @BeforeEach
    void stores() {
        first = new RedisRateLimitStore(new ReactiveStringRedisTemplate(firstConnection), prefix);
        second = new RedisRateLimitStore(new ReactiveStringRedisTemplate(secondConnection), prefix);
    }

    private static LettuceConnectionFactory connection() {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6379));
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    @AfterEach
    void deleteCounters() {
        ReactiveStringRedisTemplate redis = new ReactiveStringRedisTemplate(firstConnection);
        redis.scan(ScanOptions.scanOptions().match(prefix + "*").build()).flatMap(redis::delete).blockLast();
    }

    @AfterAll
    static void disconnect() {
        firstConnection.destroy();
        secondConnection.destroy();
    }

    @Test
    void shouldShareOneCounterBetweenTwoStores() {
        first.increment("k", Duration.ofMinutes(1)).block();
        second.increment("k", Duration.ofMinutes(1)).block();
        Window third = first.increment("k", Duration.ofMinutes(1)).block();

        assertThat(third.count()).isEqualTo(3);
        assertThat(third.resetsIn()).isBetween(Duration.ofSeconds(55), Duration.ofMinutes(1));
        assertThat(second.peek("k").block().count()).isEqualTo(3);
    }

    @Test
    void shouldSetTheExpiryWithTheFirstCountAndStartAgainOnceTheWindowHasPassed() throws InterruptedException {
        first.increment("short", Duration.ofMillis(300)).block();
        Long ttl = new ReactiveStringRedisTemplate(firstConnection).getExpire(prefix + "short").map(Duration::toMillis).block();
        assertThat(ttl).isBetween(1L, 300L);

        Thread.sleep(400);

        assertThat(second.peek("short").block()).isEqualTo(Window.EMPTY);
        assertThat(second.increment("short", Duration.ofMillis(300)).block().count()).isEqualTo(1);
    }

    @Test
    void shouldNotCountWhenPeeking() {
        first.increment("k", Duration.ofMinutes(1)).block();
        first.peek("k").block();

        assertThat(second.peek("k").block().count()).isEqualTo(1);
        assertThat(second.peek("never-counted").block().count()).isZero();
    }

    @Test
    void shouldLockAnAccountForEveryGatewayAfterFailuresSeenByDifferentGateways() {
        Rule failedLogins = new Rule("failed-logins", List.of("/auth/login"), List.of("POST"), Key.IDENTIFIER,
                "identifier", null, 2, Duration.ofMinutes(15), true, null, null);
        RateLimitProperties properties = new RateLimitProperties(true, Store.REDIS, prefix, 100, List.of(), List.of(failedLogins));
        RateLimitFilter gatewayA = new RateLimitFilter(properties, first, new ClientIpResolver(properties.trustedProxies()));
        RateLimitFilter gatewayB = new RateLimitFilter(properties, second, new ClientIpResolver(properties.trustedProxies()));

        assertThat(login(gatewayA, HttpStatus.UNAUTHORIZED)).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(login(gatewayB, HttpStatus.UNAUTHORIZED)).isEqualTo(HttpStatus.UNAUTHORIZED);

        assertThat(login(gatewayA, HttpStatus.OK)).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(login(gatewayB, HttpStatus.OK)).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(serviceCalls).hasValue(2);
    }

    /** One login through the filter; the "service" answers {@code serviceAnswer}. */
    private HttpStatus login(RateLimitFilter filter, HttpStatus serviceAnswer) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"identifier\":\"carol\",\"password\":\"x\"}"));
        WebFilterChain service = routed -> routed.getRequest().getBody().then(Mono.defer(() -> {
            serviceCalls.incrementAndGet();
            routed.getAttributes().put(CLIENT_RESPONSE_ATTR, "the service's answer");
            routed.getResponse().setStatusCode(serviceAnswer);
            return routed.getResponse().setComplete();
        }));
        filter.filter(exchange, service).block();
        return HttpStatus.valueOf(exchange.getResponse().getStatusCode().value());
    }
}
