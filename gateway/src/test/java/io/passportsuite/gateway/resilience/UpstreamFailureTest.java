package io.passportsuite.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.passportsuite.gateway.testing.FakeService;
import io.passportsuite.gateway.testing.FakeService.Answer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * passport is registered but stopped (connection refused), membership has no instance at all,
 * admin answers after three seconds, asset answers what each test says.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "spring.cloud.gateway.server.webflux.httpclient.response-timeout=800ms",
        // Token checks are not what these tests are about: every path is public here.
        "passport.gateway.security.routes[0].path=/**",
        "passport.gateway.security.routes[0].access=public"})
class UpstreamFailureTest {

    private static final JsonMapper json = new JsonMapper();
    private static final String stoppedUrl = stoppedService();
    @RegisterExtension
    static final FakeService admin = new FakeService();
    @RegisterExtension
    static final FakeService asset = new FakeService();

    @LocalServerPort
    private int port;

    private static String stoppedService() {
        FakeService service = new FakeService();
        String url = service.url();
        service.close();
        return url;
    }

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.passport-service[0].uri", () -> stoppedUrl);
        registry.add("spring.cloud.discovery.client.simple.instances.admin-service[0].uri", admin::url);
        registry.add("spring.cloud.discovery.client.simple.instances.asset-service[0].uri", asset::url);
    }

    @Test
    void shouldAnswer503InTheEnvelopeFormatWhenTheServiceRefusesTheConnection() {
        HttpResponse<String> response = FakeService.call(port, "POST", "/auth/login", "{\"identifier\":\"a\",\"password\":\"b\"}");

        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("error_code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(body.get("message").asString()).isNotBlank();
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void shouldAnswer503InThePlainFormatWhenTheServiceRefusesTheConnection() {
        HttpResponse<String> response = FakeService.call(port, "GET", "/api/auth/me", null);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("error").asString()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(body.has("success")).isFalse();
    }

    @Test
    void shouldAnswer503WhenTheServiceHasNoInstance() {
        HttpResponse<String> response = FakeService.call(port, "GET", "/api/membership/me", null);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json.readTree(response.body()).get("error").asString()).isEqualTo("SERVICE_UNAVAILABLE");
    }

    @Test
    void shouldAnswer504InTheSurfaceFormatWhenTheServiceIsTooSlow() {
        admin.answer(request -> new Answer(200, "{}", Duration.ofSeconds(3)));
        long started = System.nanoTime();

        HttpResponse<String> response = FakeService.call(port, "POST", "/admin/users/1/reset-password", "{}");

        assertThat(response.statusCode()).isEqualTo(504);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("error_code").asString()).isEqualTo("GATEWAY_TIMEOUT");
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void shouldWaitForASlowServiceAsLongAsItsRouteAllows() {
        // The asset route's metadata gives it 60 s (uploads) where the default here is 800 ms.
        asset.answer(request -> new Answer(200, "{\"url\":\"u\"}", Duration.ofMillis(1500)));

        HttpResponse<String> response = FakeService.call(port, "GET", "/asset/v1/files/1", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"url\":\"u\"}");
    }

    @Test
    void shouldRetryAReadThatTheServiceAnsweredUnavailable() {
        AtomicInteger calls = new AtomicInteger();
        asset.answer(request -> calls.incrementAndGet() == 1
                ? new Answer(503, "{\"error\":\"SERVICE_UNAVAILABLE\",\"message\":\"starting\"}", Duration.ZERO)
                : Answer.ok("{\"url\":\"u\"}"));

        HttpResponse<String> response = FakeService.call(port, "GET", "/asset/v1/files/1", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(asset.received()).hasSize(2);
    }

    @Test
    void shouldSendTheBodyOfARetriedReadAgain() {
        AtomicInteger calls = new AtomicInteger();
        asset.answer(request -> calls.incrementAndGet() == 1
                ? new Answer(502, "{\"error\":\"BAD_GATEWAY\",\"message\":\"restarting\"}", Duration.ZERO)
                : Answer.ok("{\"url\":\"u\"}"));

        HttpResponse<String> response = FakeService.call(port, "GET", "/asset/v1/files/1", "{\"size\":\"small\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(asset.received()).extracting(FakeService.Received::body)
                .containsExactly("{\"size\":\"small\"}", "{\"size\":\"small\"}");
    }

    @Test
    void shouldGiveUpOnAReadAfterTwoRetries() {
        asset.answer(request -> new Answer(503, "{\"error\":\"SERVICE_UNAVAILABLE\",\"message\":\"starting\"}", Duration.ZERO));

        HttpResponse<String> response = FakeService.call(port, "GET", "/asset/v1/files/1", null);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(asset.received()).hasSize(3);
    }

    @Test
    void shouldNeverRetryAWrite() {
        asset.answer(request -> new Answer(503, "{\"error\":\"SERVICE_UNAVAILABLE\",\"message\":\"starting\"}", Duration.ZERO));

        HttpResponse<String> response = FakeService.call(port, "POST", "/asset/v1/files", "{}");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(asset.received()).hasSize(1);
    }
}
