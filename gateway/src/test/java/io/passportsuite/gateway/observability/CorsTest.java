package io.passportsuite.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.passportsuite.gateway.testing.FakeService;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "passport.gateway.cors.allowed-origins=https://app.example.com,https://admin.example.com"})
class CorsTest {

    @LocalServerPort
    private int port;

    private HttpResponse<String> preflight(String origin) {
        return preflight(origin, "/api/auth/login", "POST");
    }

    private HttpResponse<String> preflight(String origin, String path, String method) {
        return FakeService.call(port, "OPTIONS", path, null,
                "Origin", origin, "Access-Control-Request-Method", method,
                "Access-Control-Request-Headers", "authorization,content-type");
    }

    @Test
    void shouldAllowAConfiguredOrigin() {
        HttpResponse<String> response = preflight("https://admin.example.com");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://admin.example.com");
    }

    @Test
    void shouldRefuseAnyOtherOrigin() {
        HttpResponse<String> response = preflight("https://evil.example.com");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void shouldAnswerAPreflightForARouteThatNeedsAToken() {
        // Browsers send preflights without credentials: asking for the token here would break every protected call.
        HttpResponse<String> user = preflight("https://app.example.com", "/api/auth/me", "PATCH");
        HttpResponse<String> admin = preflight("https://admin.example.com", "/admin/users", "GET");

        assertThat(user.statusCode()).isEqualTo(200);
        assertThat(user.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://admin.example.com");
    }

    @Test
    void shouldStillNeverOpenInternalPathsToAPreflight() {
        HttpResponse<String> response = preflight("https://app.example.com", "/internal/api-keys/self", "GET");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void shouldNotLetAPlainOptionsRequestPastTheTokenCheck() {
        HttpResponse<String> response = FakeService.call(port, "OPTIONS", "/api/auth/me", null);

        assertThat(response.statusCode()).isEqualTo(401);
    }
}
