package io.passportsuite.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/** The retry of reads switched off, and its settings checked; retries themselves: UpstreamFailureTest. */
class ReadRetryTest {

    private final List<ServerWebExchange> forwarded = new ArrayList<>();
    private final GatewayFilterChain chain = exchange -> {
        forwarded.add(exchange);
        return Mono.empty();
    };

    @Test
    void shouldPassAReadStraightOnWhenRetryingIsOff() {
        ReadRetry off = new ReadRetry(new RetryGatewayFilterFactory(),
                new ReadRetryProperties(0, Duration.ofMillis(50), Duration.ofMillis(500)));
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/asset/v1/files/1"));

        off.filter(exchange, chain).block(Duration.ofSeconds(5));

        // The exchange itself: no copy with a body kept for a second attempt.
        assertThat(forwarded).containsExactly(exchange);
    }

    @Test
    void shouldRefuseNegativeRetriesAndABackoffThatShrinks() {
        assertThatThrownBy(() -> new ReadRetryProperties(-1, Duration.ofMillis(50), Duration.ofMillis(500)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReadRetryProperties(2, Duration.ofMillis(500), Duration.ofMillis(50)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
