package io.passportsuite.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.passportsuite.gateway.testing.FakeService;
import io.passportsuite.gateway.testing.FakeService.Answer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Limits through the running gateway, against a fake passport that rejects the password "wrong".
 * Every test comes from its own address (the test client is a trusted proxy) or account, so
 * counters never leak between tests. Runs once per store.
 */
abstract class RateLimitGatewayTest {

    // One for the JVM, never closed: both subclasses' cached contexts route to it.
    static final FakeService passport = new FakeService();
    private static final JsonMapper json = new JsonMapper();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    static void commonProperties(DynamicPropertyRegistry registry) {
        registry.add("eureka.client.enabled", () -> "false");
        registry.add("spring.cloud.discovery.client.simple.instances.passport-service[0].uri", passport::url);
        registry.add("passport.gateway.rate-limits.trusted-proxies", () -> "127.0.0.1/32, ::1");
        registry.add("passport.gateway.rate-limits.rules[0].name", () -> "register-per-ip");
        registry.add("passport.gateway.rate-limits.rules[0].paths", () -> "/auth/register,/api/auth/register");
        registry.add("passport.gateway.rate-limits.rules[0].limit", () -> "2");
        registry.add("passport.gateway.rate-limits.rules[0].window", () -> "1m");
        registry.add("passport.gateway.rate-limits.rules[1].name", () -> "failed-logins-envelope");
        registry.add("passport.gateway.rate-limits.rules[1].paths", () -> "/auth/login");
        registry.add("passport.gateway.rate-limits.rules[1].key", () -> "identifier");
        registry.add("passport.gateway.rate-limits.rules[1].identifier-field", () -> "identifier");
        registry.add("passport.gateway.rate-limits.rules[1].bucket", () -> "failed-logins");
        registry.add("passport.gateway.rate-limits.rules[1].limit", () -> "3");
        registry.add("passport.gateway.rate-limits.rules[1].window", () -> "15m");
        registry.add("passport.gateway.rate-limits.rules[1].failures-only", () -> "true");
        registry.add("passport.gateway.rate-limits.rules[2].name", () -> "failed-logins-chat");
        registry.add("passport.gateway.rate-limits.rules[2].paths", () -> "/api/auth/login");
        registry.add("passport.gateway.rate-limits.rules[2].key", () -> "identifier");
        registry.add("passport.gateway.rate-limits.rules[2].identifier-field", () -> "email");
        registry.add("passport.gateway.rate-limits.rules[2].bucket", () -> "failed-logins");
        registry.add("passport.gateway.rate-limits.rules[2].limit", () -> "3");
        registry.add("passport.gateway.rate-limits.rules[2].window", () -> "15m");
        registry.add("passport.gateway.rate-limits.rules[2].failures-only", () -> "true");
    }

    @AfterEach
    void resetPassport() {
        passport.reset();
    }

    private static void rejectWrongPasswords() {
        passport.answer(request -> request.body().contains("\"wrong\"")
                ? new Answer(401, "{\"error\":\"INVALID_CREDENTIALS\",\"message\":\"no\"}", Duration.ZERO)
                : Answer.ok("{\"access_token\":\"t\"}"));
    }

    private static String ip() {
        return "203.0.113." + (1 + (int) (Math.random() * 250));
    }

    private static String account() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    private HttpResponse<String> post(String path, String body, String clientIp) {
        return FakeService.call(port, "POST", path, body, "X-Forwarded-For", clientIp);
    }

    @Test
    void shouldAnswer429WithRetryAfterInTheEnvelopeFormatOnceAnIpIsOverItsLimit() {
        String ip = "198.51.100." + (int) (Math.random() * 250);
        double refusedBefore = refusals("register-per-ip");
        assertThat(post("/auth/register", "{}", ip).statusCode()).isEqualTo(200);
        assertThat(post("/auth/register", "{}", ip).statusCode()).isEqualTo(200);

        HttpResponse<String> limited = post("/auth/register", "{}", ip);

        assertThat(limited.statusCode()).isEqualTo(429);
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
        JsonNode body = json.readTree(limited.body());
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("error_code").asString()).isEqualTo("RATE_LIMITED");
        assertThat(body.get("message").asString()).isNotBlank();
        assertThat(passport.received()).filteredOn(received -> received.path().equals("/auth/register")).hasSize(2);
        assertThat(refusals("register-per-ip")).isEqualTo(refusedBefore + 1);
    }

    private double refusals(String rule) {
        Counter counter = meters.find("passport.rate.limit.refusals").tag("rule", rule).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void shouldAnswer429InThePlainFormatOnTheChatSurface() {
        String ip = "192.0.2." + (int) (Math.random() * 250);
        post("/api/auth/register", "{}", ip);
        post("/api/auth/register", "{}", ip);

        HttpResponse<String> limited = post("/api/auth/register", "{}", ip);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        JsonNode body = json.readTree(limited.body());
        assertThat(body.get("error").asString()).isEqualTo("RATE_LIMITED");
        assertThat(body.has("success")).isFalse();
    }

    @Test
    void shouldCountEachClientAddressSeparately() {
        String first = "100.64.0." + (int) (Math.random() * 250);
        String second = "100.64.1." + (int) (Math.random() * 250);
        post("/auth/register", "{}", first);
        post("/auth/register", "{}", first);

        assertThat(post("/auth/register", "{}", first).statusCode()).isEqualTo(429);
        assertThat(post("/auth/register", "{}", second).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldLockAnAccountAfterFailedLoginsButNeverCountSuccessfulOnes() {
        rejectWrongPasswords();
        String account = account();
        for (int i = 0; i < 5; i++) {
            assertThat(post("/auth/login", login(account, "right"), ip()).statusCode()).isEqualTo(200);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(post("/auth/login", login(account, "wrong"), ip()).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> locked = post("/auth/login", login(account, "right"), ip());

        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow())).isBetween(850L, 900L);
        assertThat(json.readTree(locked.body()).get("error_code").asString()).isEqualTo("RATE_LIMITED");
        assertThat(passport.received()).filteredOn(received -> received.body().contains(account)).hasSize(8);
        assertThat(post("/auth/login", login(account(), "right"), ip()).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldTreatIdentifiersThatDifferOnlyInCaseAndSpacesAsOneAccountAcrossSurfaces() {
        rejectWrongPasswords();
        String account = account();
        post("/auth/login", login(account.toUpperCase(), "wrong"), ip());
        post("/auth/login", login("  " + account + " ", "wrong"), ip());
        post("/api/auth/login", "{\"email\":\"" + account + "\",\"password\":\"wrong\"}", ip());

        HttpResponse<String> locked = post("/api/auth/login", "{\"email\":\"" + account + "\",\"password\":\"right\"}", ip());

        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(json.readTree(locked.body()).get("error").asString()).isEqualTo("RATE_LIMITED");
    }

    @Test
    void shouldPassTheLoginBodyItReadToTheServiceUnchanged() {
        String account = account();
        String body = "{\"identifier\":\"" + account + "\",\"password\":\"pässword-1\"}";

        assertThat(post("/auth/login", body, ip()).statusCode()).isEqualTo(200);

        assertThat(passport.received()).filteredOn(received -> received.body().contains(account))
                .singleElement().satisfies(received -> {
                    assertThat(received.body()).isEqualTo(body);
                    assertThat(received.path()).isEqualTo("/auth/login");
                });
    }

    private static String login(String identifier, String password) {
        return "{\"identifier\":\"" + identifier + "\",\"password\":\"" + password + "\"}";
    }
}
