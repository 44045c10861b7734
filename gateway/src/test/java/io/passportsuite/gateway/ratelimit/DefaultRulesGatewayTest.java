package io.passportsuite.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.micrometer.core.instrument.MeterRegistry;
import io.passportsuite.gateway.testing.FakeService;
import io.passportsuite.gateway.testing.FakeService.Answer;
import io.passportsuite.gateway.testing.FakeService.Received;

/**
 * The rules of the gateway's own application.yml (the app-backend limit lowered to 5 a minute)
 * on the canonical surface, against a fake passport that knows an API key of app {@code shop} and
 * one of app {@code other}, and rejects the password "wrong" and a body naming another app than the key's. Each test comes from addresses of its own (the test client is
 * a trusted proxy) and names accounts of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DefaultRulesGatewayTest {

    private static final String GOOD_KEY = "Bearer psk_shop_key";
    private static final String OTHER_APPS_KEY = "Bearer psk_other_key";
    private static final AtomicInteger addresses = new AtomicInteger();

    @RegisterExtension
    static final FakeService passport = new FakeService();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Autowired
    RateLimitStore store;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("eureka.client.enabled", () -> "false");
        registry.add("spring.cloud.discovery.client.simple.instances.passport-service[0].uri", passport::url);
        registry.add("passport.gateway.rate-limits.trusted-proxies", () -> "127.0.0.1/32, ::1");
        registry.add("GATEWAY_APP_BACKEND_LIMIT_PER_IP", () -> "5");
        // Every API-key check reaches the fake passport.
        registry.add("passport.gateway.security.api-key-cache-ttl", () -> "0s");
    }

    private static Answer passportAnswer(Received request) {
        if (request.path().equals("/internal/api-keys/self")) {
            if (GOOD_KEY.equals(request.header("Authorization"))) {
                return Answer.ok("{\"app_id\":\"shop\"}");
            }
            return OTHER_APPS_KEY.equals(request.header("Authorization"))
                    ? Answer.ok("{\"app_id\":\"other\"}")
                    : new Answer(401, "{\"error\":\"INVALID_API_KEY\",\"message\":\"no\"}", Duration.ZERO);
        }
        // As a passport that answers another app's accounts as it answers unknown ones.
        if (request.path().equals("/auth/v1/login") && (request.body().contains("\"wrong\"")
                || !request.body().contains("\"app_id\":\"" + request.header("X-Passport-App-Id") + "\""))) {
            return new Answer(401, "{\"error\":\"INVALID_CREDENTIALS\",\"message\":\"no\"}", Duration.ZERO);
        }
        return Answer.ok("{\"ok\":true}");
    }

    /** A client address no other test uses, under the app-backend limit for its first 5 calls. */
    private static String newAddress() {
        int n = addresses.incrementAndGet();
        return "198.18." + (n / 250) + "." + (1 + n % 250);
    }

    private static String newPhoneDigits() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(10_000_000L, 100_000_000L));
    }

    private HttpResponse<String> call(String path, String body, String key, String clientIp) {
        return FakeService.call(port, "POST", path, body, "Authorization", key, "X-Forwarded-For", clientIp);
    }

    private static String login(String contactType, String contact, String password) {
        return login(contactType, contact, password, "shop");
    }

    private static String login(String contactType, String contact, String password, String appId) {
        return "{\"contact_type\":\"" + contactType + "\",\"contact\":\"" + contact + "\",\"password\":\"" + password
                + "\",\"app_id\":\"" + appId + "\"}";
    }

    @Test
    void shouldNotCountAKeyOfOneAppNamingAnotherAppsAccountAgainstThatAccount() {
        passport.answer(DefaultRulesGatewayTest::passportAnswer);
        String account = "tenant-" + newPhoneDigits() + "@example.com";
        for (int i = 0; i < 12; i++) {
            assertThat(call("/auth/v1/login", login("email", account, "right", "other"), GOOD_KEY, newAddress()).statusCode())
                    .isEqualTo(401);
        }

        assertThat(call("/auth/v1/login", login("email", account, "right", "other"), OTHER_APPS_KEY, newAddress()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void shouldNotCountTheGatewaysOwnRefusalsOfAnApiKeyAsFailedLogins() {
        passport.answer(DefaultRulesGatewayTest::passportAnswer);
        String account = "victim-" + newPhoneDigits() + "@example.com";
        for (int i = 0; i < 12; i++) {
            String key = i % 2 == 0 ? "Bearer psk_unknown_key" : "Bearer not-even-a-key";
            HttpResponse<String> refused = call("/auth/v1/login", login("email", account, "wrong"), key, newAddress());
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).contains("INVALID_API_KEY");
        }

        HttpResponse<String> owner = call("/auth/v1/login", login("email", account, "right"), GOOD_KEY, newAddress());

        assertThat(owner.statusCode()).isEqualTo(200);
        assertThat(passport.received()).filteredOn(received -> received.path().equals("/auth/v1/login")).hasSize(1);
    }

    @Test
    void shouldCountEverySpellingOfOnePhoneNumberAgainstOneAccount() {
        passport.answer(DefaultRulesGatewayTest::passportAnswer);
        String digits = newPhoneDigits();
        String[] spellings = {"+86 138 " + digits, "+86-138-" + digits, "0086138" + digits, "(+86) 138" + digits};
        for (int i = 0; i < 10; i++) {
            assertThat(call("/auth/v1/login", login("phone", spellings[i % spellings.length], "wrong"), GOOD_KEY, newAddress())
                    .statusCode()).isEqualTo(401);
        }

        HttpResponse<String> locked = call("/auth/v1/login", login("phone", "+86138" + digits, "right"), GOOD_KEY, newAddress());

        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.body()).contains("RATE_LIMITED");
        assertThat(call("/auth/v1/login", login("phone", "+86139" + digits, "right"), GOOD_KEY, newAddress()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void shouldNotLimitTokenValidationLikeLogins() {
        passport.answer(DefaultRulesGatewayTest::passportAnswer);
        String backend = newAddress();
        for (int i = 0; i < 20; i++) {
            assertThat(call("/auth/v1/token/validate", "{\"token\":\"t\"}", GOOD_KEY, backend).statusCode()).isEqualTo(200);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(call("/auth/v1/login", login("email", "user-" + i + "@example.com", "right"), GOOD_KEY, backend)
                    .statusCode()).isEqualTo(200);
        }

        assertThat(call("/auth/v1/login", login("email", "user-5@example.com", "right"), GOOD_KEY, backend).statusCode())
                .isEqualTo(429);
        assertThat(call("/auth/v1/token/validate", "{\"token\":\"t\"}", GOOD_KEY, backend).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldReportHowManyCountersTheMemoryStoreHolds() {
        passport.answer(DefaultRulesGatewayTest::passportAnswer);
        for (int i = 0; i < 3; i++) {
            call("/auth/v1/register", "{}", GOOD_KEY, newAddress());
        }

        int held = ((InMemoryRateLimitStore) store).size();
        assertThat(held).isGreaterThanOrEqualTo(3);
        assertThat(meters.get("passport.gateway.rate.limit.keys").gauge().value()).isEqualTo(held);
    }
}
