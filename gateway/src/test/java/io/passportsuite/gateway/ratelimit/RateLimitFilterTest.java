package io.passportsuite.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CLIENT_RESPONSE_ATTR;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.gateway.ratelimit.RateLimitProperties.Key;
import io.passportsuite.gateway.ratelimit.RateLimitProperties.Rule;
import io.passportsuite.gateway.ratelimit.RateLimitProperties.Store;
import io.passportsuite.gateway.web.ClientIpResolver;
import io.passportsuite.gateway.web.SurfaceErrors;
import reactor.core.publisher.Mono;

/** Per-app counters and limits on the canonical surface, where the body names the app. */
class RateLimitFilterTest {

    private final Rule canonicalFailedLogins = new Rule("failed-logins-canonical", List.of("/auth/v1/login"), List.of("POST"),
            Key.IDENTIFIER, "contact", null, 2, Duration.ofMinutes(15), true, "app_id", Map.of("generous", 4));
    private final List<String> keys = new CopyOnWriteArrayList<>();
    private final RateLimitFilter filter = new RateLimitFilter(
            new RateLimitProperties(true, Store.MEMORY, "", 100, List.of(), List.of(canonicalFailedLogins)),
            recording(new InMemoryRateLimitStore(Clock.systemUTC(), 100)), new ClientIpResolver(List.of()));

    @Test
    void shouldKeepOneAccountsFailuresInOneAppFromLockingTheSameContactInAnother() {
        failedLogin("shop");
        failedLogin("shop");

        assertThat(failedLogin("shop")).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(failedLogin("blog")).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void shouldApplyAnAppsOwnLimit() {
        for (int i = 0; i < 4; i++) {
            assertThat(failedLogin("generous")).isEqualTo(HttpStatus.UNAUTHORIZED);
        }

        assertThat(failedLogin("generous")).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    @Test
    void shouldNotCountA401TheGatewayWroteItself() {
        for (int i = 0; i < 5; i++) {
            assertThat(login("shop", refusedByTheGateway())).isEqualTo(HttpStatus.UNAUTHORIZED);
        }

        assertThat(failedLogin("shop")).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void shouldNotCountA403FromTheService() {
        for (int i = 0; i < 5; i++) {
            assertThat(login("shop", answeredByTheService(HttpStatus.FORBIDDEN))).isEqualTo(HttpStatus.FORBIDDEN);
        }

        assertThat(failedLogin("shop")).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void shouldKeepCounterKeysShortWhateverAppIdTheBodyCarries() {
        String huge = "x".repeat(RateLimitFilter.MAX_BODY_BYTES - 200);
        failedLogin(huge);
        failedLogin(huge);

        assertThat(failedLogin(huge)).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(failedLogin("Not-An-App-Id")).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(keys).isNotEmpty().allSatisfy(key -> assertThat(key.length()).isLessThan(120));
    }

    @Test
    void shouldCountAnIpv6ClientPerSlash64() {
        assertThat(RateLimitFilter.addressKey("2001:db8:1:2:aaaa::1")).isEqualTo(RateLimitFilter.addressKey("2001:db8:1:2:ffff:1:2:3"))
                .isEqualTo("2001:0db8:0001:0002::/64");
        assertThat(RateLimitFilter.addressKey("2001:db8:1:3::1")).isNotEqualTo(RateLimitFilter.addressKey("2001:db8:1:2::1"));
        assertThat(RateLimitFilter.addressKey("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(RateLimitFilter.addressKey("unknown")).isEqualTo("unknown");
    }

    private HttpStatus failedLogin(String appId) {
        return login(appId, answeredByTheService(HttpStatus.UNAUTHORIZED));
    }

    private HttpStatus login(String appId, WebFilterChain chain) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/auth/v1/login")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"contact_type\":\"email\",\"contact\":\"dave@example.com\",\"password\":\"x\",\"app_id\":\"" + appId + "\"}"));
        filter.filter(exchange, chain).block();
        return HttpStatus.valueOf(exchange.getResponse().getStatusCode().value());
    }

    private static WebFilterChain answeredByTheService(HttpStatus status) {
        return routed -> routed.getRequest().getBody().then(Mono.defer(() -> {
            routed.getAttributes().put(CLIENT_RESPONSE_ATTR, "the service's answer");
            routed.getResponse().setStatusCode(status);
            return routed.getResponse().setComplete();
        }));
    }

    /** As the edge does for an unknown API key: the request reaches no service. */
    private static WebFilterChain refusedByTheGateway() {
        return exchange -> SurfaceErrors.write(exchange, HttpStatus.UNAUTHORIZED, ErrorCode.INVALID_API_KEY, "A valid API key is required");
    }

    private RateLimitStore recording(RateLimitStore store) {
        return new RateLimitStore() {
            @Override
            public Mono<Window> increment(String key, Duration window) {
                keys.add(key);
                return store.increment(key, window);
            }

            @Override
            public Mono<Window> peek(String key) {
                keys.add(key);
                return store.peek(key);
            }
        };
    }
}
