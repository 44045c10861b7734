package io.passportsuite.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import io.passportsuite.gateway.ratelimit.RateLimitProperties.Key;
import io.passportsuite.gateway.ratelimit.RateLimitProperties.Rule;
import io.passportsuite.gateway.ratelimit.RateLimitProperties.Store;
import io.passportsuite.gateway.web.ClientIpResolver;
import reactor.core.publisher.Mono;

/** Per-app counters and limits on the canonical surface, where the body names the app. */
class RateLimitFilterTest {

    private final Rule canonicalFailedLogins = new Rule("failed-logins-canonical", List.of("/auth/v1/login"), List.of("POST"),
            Key.IDENTIFIER, "contact", null, 2, Duration.ofMinutes(15), true, "app_id", Map.of("generous", 4));
    private final RateLimitFilter filter = new RateLimitFilter(
            new RateLimitProperties(true, Store.MEMORY, "", List.of(), List.of(canonicalFailedLogins)),
            new InMemoryRateLimitStore(Clock.systemUTC()), new ClientIpResolver(List.of()));

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

    private HttpStatus failedLogin(String appId) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/auth/v1/login")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"contact_type\":\"email\",\"contact\":\"dave@example.com\",\"password\":\"x\",\"app_id\":\"" + appId + "\"}"));
        WebFilterChain service = routed -> routed.getRequest().getBody().then(Mono.defer(() -> {
            routed.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED);
            return routed.getResponse().setComplete();
        }));
        filter.filter(exchange, service).block();
        return HttpStatus.valueOf(exchange.getResponse().getStatusCode().value());
    }
}
