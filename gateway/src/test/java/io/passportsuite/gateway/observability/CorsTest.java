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
        return FakeService.call(port, "OPTIONS", "/api/auth/login", null,
                "Origin", origin, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type");
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
}
