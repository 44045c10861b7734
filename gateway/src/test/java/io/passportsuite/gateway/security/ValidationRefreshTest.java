package io.passportsuite.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;

import io.micrometer.core.instrument.MeterRegistry;
import io.passportsuite.gateway.testing.FakeService;
import io.passportsuite.gateway.testing.FakeService.Answer;
import io.passportsuite.gateway.testing.FakeService.Received;

/**
 * A token in use is asked again in the background before its answer's time is up, with the app,
 * key and credential of the request that found it; passport's refusal ends the answer at once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "passport.gateway.security.internal-credential=" + FakePassport.CREDENTIAL,
        "passport.gateway.security.revocation.enabled=false",
        "passport.gateway.security.token-validation.answer-for=1s"})
class ValidationRefreshTest {

    private static final String SHOP_KEY = "Bearer psk_shop_key";
    private static final RSAKey signingKey = TestTokens.newKey("key-refresh");
    /** Whether the fake passport still answers the token valid. */
    private static volatile boolean valid = true;

    @RegisterExtension
    static final FakeService passport = new FakeService();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.passport-service[0].uri", passport::url);
    }

    private static Answer passportAnswer(Received request) {
        return switch (request.path()) {
            case "/.well-known/jwks.json" -> Answer.ok(new JWKSet(signingKey).toPublicJWKSet().toString());
            case "/internal/api-keys/self" -> SHOP_KEY.equals(request.header("Authorization")) ? Answer.ok("{\"app_id\":\"shop\"}")
                    : new Answer(401, "{\"error\":\"INVALID_API_KEY\",\"message\":\"no\"}", Duration.ZERO);
            case "/auth/v1/token/validate" -> valid ? Answer.ok("{\"userId\":\"u\",\"role\":\"user\",\"app_id\":\"shop\"}")
                    : new Answer(401, "{\"error\":\"INVALID_TOKEN\",\"message\":\"no\"}", Duration.ZERO);
            default -> Answer.ok("{\"ok\":true}");
        };
    }

    private static String shopToken() {
        return TestTokens.sign(signingKey, TestTokens.claims(UUID.randomUUID().toString(), 1, UUID.randomUUID().toString())
                .audience("shop").claim("app_id", "shop").build());
    }

    private HttpResponse<String> validate(String token) {
        return FakeService.call(port, "POST", "/auth/v1/token/validate", "{\"token\":\"" + token + "\"}", "Authorization", SHOP_KEY);
    }

    private static List<Received> validations() {
        return passport.received().stream().filter(request -> request.path().equals("/auth/v1/token/validate")).toList();
    }

    private double refreshes(String outcome) {
        return meters.get("passport.gateway.token.validate.refreshes").tag("outcome", outcome).counter().count();
    }

    @Test
    void shouldAskPassportAgainInTheBackgroundWhileATokenIsInUseAndEndTheAnswerWhenPassportRefuses() throws Exception {
        valid = true;
        passport.answer(ValidationRefreshTest::passportAnswer);
        // Another token first: the key check, the signing keys and the connection to passport are
        // then ready, and the requests below take milliseconds, not a cold start's seconds.
        assertThat(validate(shopToken()).statusCode()).isEqualTo(200);
        passport.reset();
        passport.answer(ValidationRefreshTest::passportAnswer);
        String token = shopToken();
        HttpResponse<String> first = validate(token);
        assertThat(first.statusCode()).isEqualTo(200);

        // A backend validating the token every 50 ms for 2.5 s: every answer passport's, and passport
        // asked again in the background in the last fifth of each answer's time (at 0.8 s, 1.6 s...).
        long until = System.nanoTime() + Duration.ofMillis(2500).toNanos();
        while (System.nanoTime() < until) {
            HttpResponse<String> again = validate(token);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.body()).isEqualTo(first.body());
            Thread.sleep(50);
        }
        assertThat(refreshes("kept")).as("answers refreshed in the background").isGreaterThanOrEqualTo(2);
        assertThat(validations()).hasSizeGreaterThanOrEqualTo(3).allSatisfy(asked -> {
            assertThat(asked.header("X-Passport-App-Id")).isEqualTo("shop");
            assertThat(asked.header("Authorization")).isEqualTo(SHOP_KEY);
            assertThat(asked.header("X-Passport-Internal-Credential")).isEqualTo(FakePassport.CREDENTIAL);
            assertThat(asked.body()).contains(token);
        });

        // Passport now refuses the token: within an answer's time (1 s) the backend hears it.
        valid = false;
        long refusedBy = System.nanoTime() + Duration.ofMillis(1500).toNanos();
        HttpResponse<String> last = validate(token);
        while (last.statusCode() == 200 && System.nanoTime() < refusedBy) {
            Thread.sleep(50);
            last = validate(token);
        }
        assertThat(last.statusCode()).isEqualTo(401);
        assertThat(last.body()).contains("INVALID_TOKEN");
        assertThat(refreshes("failed")).isZero();
    }
}
