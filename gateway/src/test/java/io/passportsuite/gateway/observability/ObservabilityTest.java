package io.passportsuite.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.passportsuite.common.web.SuiteHeaders;
import io.passportsuite.gateway.testing.FakeService;
import io.passportsuite.gateway.web.ServiceBoundHeaders;
import reactor.core.publisher.Mono;

// Token checks are not what these tests are about: every path is public here.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "passport.gateway.security.routes[0].path=/**",
        "passport.gateway.security.routes[0].access=public"})
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTest {

    @RegisterExtension
    static final FakeService passport = new FakeService();

    @LocalServerPort
    private int port;

    @LocalManagementPort
    private int managementPort;

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.passport-service[0].uri", passport::url);
    }

    /** Stands in for the token check, which sets the user id on requests it has verified. */
    @TestConfiguration
    static class VerifiedUser {

        @Bean
        GlobalFilter verifiedUser() {
            return new VerifiedUserFilter();
        }
    }

    static final class VerifiedUserFilter implements GlobalFilter, Ordered {

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
            String userId = exchange.getRequest().getHeaders().getFirst("X-Test-Verified-User");
            if (userId != null) {
                ServiceBoundHeaders.of(exchange).set(SuiteHeaders.USER_ID, userId);
            }
            return chain.filter(exchange);
        }

        @Override
        public int getOrder() {
            return 0;
        }
    }

    @Test
    void shouldEchoAValidRequestIdAndPassItDownstream() {
        HttpResponse<String> response = FakeService.call(port, "GET", "/api/auth/me", null, "X-Request-Id", "req-42.a:b_c");

        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("req-42.a:b_c");
        assertThat(passport.received()).singleElement().satisfies(received ->
                assertThat(received.header("X-Request-Id")).isEqualTo("req-42.a:b_c"));
    }

    @Test
    void shouldGenerateARequestIdWhenNoneIsGiven() {
        HttpResponse<String> response = FakeService.call(port, "GET", "/api/auth/me", null);

        String generated = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(generated).matches("[0-9a-f-]{36}");
        assertThat(passport.received().getFirst().header("X-Request-Id")).isEqualTo(generated);
    }

    @Test
    void shouldGenerateDistinctVersionFourUuids() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String id = RequestIdFilter.randomId();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
            ids.add(id);
        }
        assertThat(ids).hasSize(1_000);
    }

    @Test
    void shouldReplaceARequestIdThatIsTooLongOrHasOtherCharacters() {
        String tooLong = "a".repeat(129);
        String replaced = FakeService.call(port, "GET", "/api/auth/me", null, "X-Request-Id", tooLong)
                .headers().firstValue("X-Request-Id").orElseThrow();
        String injected = FakeService.call(port, "GET", "/api/auth/me", null, "X-Request-Id", "id\"status=200")
                .headers().firstValue("X-Request-Id").orElseThrow();

        assertThat(replaced).matches("[0-9a-f-]{36}");
        assertThat(injected).matches("[0-9a-f-]{36}");
        assertThat(RequestIdFilter.accepted("a".repeat(128))).isEqualTo("a".repeat(128));
        assertThat(passport.received()).extracting(received -> received.header("X-Request-Id")).containsExactly(replaced, injected);
    }

    @Test
    void shouldLogOneLinePerRequestWithoutQueryOrCredentials(CapturedOutput output) {
        FakeService.call(port, "GET", "/api/auth/me?token=secret-in-query", null,
                "X-Request-Id", "log-line-1", "Authorization", "Bearer secret-token", "X-Test-Verified-User", "user-7");

        // The line is written once the answer has gone out, so it may follow the response by a moment.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut()).containsOnlyOnce(
                "request_id=log-line-1 route=passport-chat method=GET path=/api/auth/me status=200"));
        assertThat(output.getOut()).containsPattern("request_id=log-line-1 .* user_id=user-7");
        assertThat(output.getOut()).doesNotContain("secret-in-query").doesNotContain("secret-token");
    }

    @Test
    void shouldLogNoUserIdWhenTheGatewaySetNone(CapturedOutput output) {
        FakeService.call(port, "GET", "/api/auth/me", null, "X-Request-Id", "log-line-2");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut())
                .containsPattern("request_id=log-line-2 route=passport-chat .* latency_ms=\\d+ user_id=-\""));
    }

    @Test
    void shouldStartItsOwnTraceAndPassNoTracingHeaderOfTheClientsDownstream(CapturedOutput output) {
        String clientTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
        FakeService.call(port, "GET", "/api/auth/me", null, "X-Request-Id", "traced-1",
                "traceparent", "00-" + clientTrace + "-00f067aa0ba902b7-01", "tracestate", "vendor=forced",
                "baggage", "user=admin", "b3", clientTrace + "-00f067aa0ba902b7-1", "X-B3-TraceId", clientTrace,
                "X-B3-Sampled", "1");

        FakeService.Received received = passport.received().getFirst();
        String traceparent = received.header("traceparent");
        assertThat(traceparent).as("the gateway's own span is the service's parent")
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]").doesNotContain(clientTrace);
        assertThat(received.headers().keySet().stream().map(String::toLowerCase))
                .doesNotContain("tracestate", "baggage", "b3", "x-b3-traceid", "x-b3-sampled");
        String traceId = traceparent.substring(3, 35);
        // The access-log line names the same trace, as ECS does (trace.id), for a log store to join.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut())
                .containsPattern("request_id=traced-1 .*\"trace\":\\{\"id\":\"" + traceId + "\""));
    }

    @Test
    void shouldAllowNoCrossOriginCallsByDefault() {
        HttpResponse<String> response = FakeService.call(port, "OPTIONS", "/api/auth/login", null,
                "Origin", "https://app.example.com", "Access-Control-Request-Method", "POST");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void shouldPublishALatencyHistogramPerRouteAndStatus() {
        FakeService.call(port, "GET", "/api/auth/me", null);

        HttpResponse<String> metrics = FakeService.call(managementPort, "GET", "/actuator/prometheus", null);

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).containsPattern("spring_cloud_gateway_requests_seconds_bucket\\{[^}]*routeId=\"passport-chat\"[^}]*status=\"OK\"");
        assertThat(metrics.body()).containsPattern("spring_cloud_gateway_requests_seconds_count\\{[^}]*routeId=\"passport-chat\"");
    }
}
