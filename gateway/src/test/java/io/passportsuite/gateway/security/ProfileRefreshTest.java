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
 * A profile in use is asked again of passport in the background before its answer's time is up,
 * with the token and the identity the gateway verified; passport's refusal ends the answer at once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "passport.gateway.security.internal-credential=" + FakePassport.CREDENTIAL,
        "passport.gateway.security.revocation.enabled=false",
        "passport.gateway.security.profile-answers.answer-for=1s"})
class ProfileRefreshTest {

    private static final RSAKey signingKey = TestTokens.newKey("key-profile-refresh");
    /** Whether the fake passport still answers the token's profile. */
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
            case "/api/auth/me" -> valid ? Answer.ok("{\"id\":\"" + request.header("X-Passport-User-Id") + "\",\"displayName\":\"Alice\"}")
                    : new Answer(401, "{\"error\":\"TOKEN_INVALID\",\"message\":\"no\"}", Duration.ZERO);
            default -> Answer.ok("{\"ok\":true}");
        };
    }

    private HttpResponse<String> me(String token) {
        return FakeService.call(port, "GET", "/api/auth/me", null, "Authorization", "Bearer " + token);
    }

    private static List<Received> profiles() {
        return passport.received().stream().filter(request -> request.path().equals("/api/auth/me")).toList();
    }

    private double refreshes(String outcome) {
        return meters.get("passport.gateway.me.refreshes").tag("outcome", outcome).counter().count();
    }

    @Test
    void shouldAskPassportAgainInTheBackgroundWhileATokenIsInUseAndEndTheAnswerWhenPassportRefuses() throws Exception {
        valid = true;
        passport.answer(ProfileRefreshTest::passportAnswer);
        // Another token first: the signing keys and the connection to passport are then ready.
        assertThat(me(TestTokens.sign(signingKey, TestTokens.claims(UUID.randomUUID().toString(), 1, UUID.randomUUID().toString()).build())).statusCode())
                .isEqualTo(200);
        passport.reset();
        passport.answer(ProfileRefreshTest::passportAnswer);
        String userId = UUID.randomUUID().toString();
        String sessionId = UUID.randomUUID().toString();
        String token = TestTokens.sign(signingKey, TestTokens.claims(userId, 1, sessionId).build());
        HttpResponse<String> first = me(token);
        assertThat(first.statusCode()).isEqualTo(200);

        // A client asking every 50 ms for 2.5 s: every answer passport's, asked again in the last fifth of each answer's time.
        long until = System.nanoTime() + Duration.ofMillis(2500).toNanos();
        while (System.nanoTime() < until) {
            HttpResponse<String> again = me(token);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.body()).isEqualTo(first.body());
            Thread.sleep(50);
        }
        assertThat(refreshes("kept")).as("answers refreshed in the background").isGreaterThanOrEqualTo(2);
        assertThat(profiles()).hasSizeGreaterThanOrEqualTo(3).allSatisfy(asked -> {
            assertThat(asked.method()).isEqualTo("GET");
            assertThat(asked.header("Authorization")).isEqualTo("Bearer " + token);
            assertThat(asked.header("X-Passport-User-Id")).isEqualTo(userId);
            assertThat(asked.header("X-Passport-Session-Id")).isEqualTo(sessionId);
            assertThat(asked.header("X-Passport-App-Id")).isEqualTo("default");
            assertThat(asked.header("X-Passport-Internal-Credential")).isEqualTo(FakePassport.CREDENTIAL);
        });

        // Passport now refuses the token: within an answer's time (1 s) the client hears it.
        valid = false;
        long refusedBy = System.nanoTime() + Duration.ofMillis(1500).toNanos();
        HttpResponse<String> last = me(token);
        while (last.statusCode() == 200 && System.nanoTime() < refusedBy) {
            Thread.sleep(50);
            last = me(token);
        }
        assertThat(last.statusCode()).isEqualTo(401);
        assertThat(refreshes("refused")).isGreaterThanOrEqualTo(1);
        assertThat(refreshes("failed")).isZero();
    }
}
