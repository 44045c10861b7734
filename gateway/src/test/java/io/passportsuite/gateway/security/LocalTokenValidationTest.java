package io.passportsuite.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;

import io.passportsuite.gateway.testing.FakeService;
import io.passportsuite.gateway.testing.FakeService.Answer;
import io.passportsuite.gateway.testing.FakeService.Received;

/**
 * The gateway answers a repeated {@code POST /auth/v1/token/validate} itself only with passport's
 * own answer for the same app and token, and stops at once when passport says the user's sessions
 * ended, or when the answer's time is up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "passport.gateway.security.internal-credential=" + FakePassport.CREDENTIAL,
        "passport.gateway.security.revocation.enabled=false",
        "passport.gateway.security.token-validation.answer-for=700ms",
        // These count passport's validations; refreshing ahead (ValidationRefreshTest) would add some
        // whenever a test's requests take longer than four fifths of the answer's time.
        "passport.gateway.security.token-validation.refresh-ahead=false"})
class LocalTokenValidationTest {

    private static final String SHOP_KEY = "Bearer psk_shop_key";
    private static final String OTHER_KEY = "Bearer psk_other_key";
    private static final RSAKey signingKey = TestTokens.newKey("key-validate");
    /** Sessions the fake passport has ended. */
    private static final Set<String> ended = ConcurrentHashMap.newKeySet();

    @RegisterExtension
    static final FakeService passport = new FakeService();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        for (String service : new String[] {"passport-service", "membership-service", "admin-service", "asset-service"}) {
            registry.add("spring.cloud.discovery.client.simple.instances." + service + "[0].uri", passport::url);
        }
    }

    /** As passport: keys of two apps, tokens valid for their own app while their session stands; a logout ends it. */
    private static Answer passportAnswer(Received request) {
        try {
            return switch (request.path()) {
                case "/.well-known/jwks.json" -> Answer.ok(new JWKSet(signingKey).toPublicJWKSet().toString());
                case "/internal/api-keys/self" -> SHOP_KEY.equals(request.header("Authorization")) ? Answer.ok("{\"app_id\":\"shop\"}")
                        : OTHER_KEY.equals(request.header("Authorization")) ? Answer.ok("{\"app_id\":\"other\"}")
                        : new Answer(401, "{\"error\":\"INVALID_API_KEY\",\"message\":\"no\"}", Duration.ZERO);
                case "/auth/v1/token/validate", "/auth/v1/logout" -> {
                    String token = request.body().replaceAll("(?s).*\"token\"\\s*:\\s*\"([^\"]*)\".*", "$1");
                    var claims = SignedJWT.parse(token).getJWTClaimsSet();
                    String sessionId = claims.getStringClaim("sid");
                    if (!claims.getStringClaim("app_id").equals(request.header("X-Passport-App-Id")) || ended.contains(sessionId)) {
                        yield new Answer(401, "{\"error\":\"TOKEN_INVALID\",\"message\":\"no\"}", Duration.ZERO);
                    }
                    if (request.path().endsWith("/logout")) {
                        ended.add(sessionId);
                        yield new Answer(200, "{}", Duration.ZERO, Map.of("X-Passport-Sessions-Revoked", claims.getSubject()));
                    }
                    yield Answer.ok("{\"userId\":\"" + claims.getSubject() + "\",\"role\":\"user\",\"app_id\":\"shop\"}");
                }
                default -> Answer.ok("{\"ok\":true}");
            };
        } catch (java.text.ParseException e) {
            return new Answer(400, "{\"error\":\"VALIDATION_ERROR\",\"message\":\"token\"}", Duration.ZERO);
        }
    }

    private static String tokenOfShop(String userId) {
        return TestTokens.sign(signingKey, TestTokens.claims(userId, 1, UUID.randomUUID().toString())
                .audience("shop").claim("app_id", "shop").build());
    }

    private HttpResponse<String> validate(String key, String token, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = key;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return FakeService.call(port, "POST", "/auth/v1/token/validate", "{\"token\":\"" + token + "\"}", all);
    }

    private static long validationsPassportSaw() {
        return passport.received().stream().filter(request -> request.path().equals("/auth/v1/token/validate")).count();
    }

    @Test
    void shouldGivePassportsAnswerAgainForTheSameAppAndToken() {
        passport.answer(LocalTokenValidationTest::passportAnswer);
        String userId = UUID.randomUUID().toString();
        String token = tokenOfShop(userId);

        HttpResponse<String> first = validate(SHOP_KEY, token);
        HttpResponse<String> second = validate(SHOP_KEY, token);
        HttpResponse<String> third = validate(SHOP_KEY, token);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains(userId);
        assertThat(List.of(second, third)).allSatisfy(again -> {
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.body()).isEqualTo(first.body());
            assertThat(again.headers().firstValue("Content-Type")).hasValue("application/json");
        });
        assertThat(validationsPassportSaw()).isEqualTo(1);
    }

    @Test
    void shouldNeverGiveOneAppsAnswerToAnotherAppsKeyWhateverHeadersTheClientSends() {
        passport.answer(LocalTokenValidationTest::passportAnswer);
        String token = tokenOfShop(UUID.randomUUID().toString());
        assertThat(validate(SHOP_KEY, token).statusCode()).isEqualTo(200);

        HttpResponse<String> otherApp = validate(OTHER_KEY, token, "X-Passport-App-Id", "shop");
        HttpResponse<String> noKey = validate("Bearer psk_unknown", token, "X-Passport-App-Id", "shop");

        assertThat(otherApp.statusCode()).isEqualTo(401);
        assertThat(otherApp.body()).contains("TOKEN_INVALID");
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(noKey.body()).contains("INVALID_API_KEY");
        // The other app's request reached passport, with the app its key belongs to.
        assertThat(passport.received().stream().filter(request -> request.path().equals("/auth/v1/token/validate")))
                .extracting(request -> request.header("X-Passport-App-Id")).containsExactly("shop", "other");
    }

    @Test
    void shouldStopAnsweringAtOnceWhenPassportSaysTheUsersSessionsEnded() {
        passport.answer(LocalTokenValidationTest::passportAnswer);
        String token = tokenOfShop(UUID.randomUUID().toString());
        assertThat(validate(SHOP_KEY, token).statusCode()).isEqualTo(200);
        assertThat(validate(SHOP_KEY, token).statusCode()).isEqualTo(200);

        HttpResponse<String> logout = FakeService.call(port, "POST", "/auth/v1/logout", "{\"token\":\"" + token + "\"}",
                "Authorization", SHOP_KEY);
        HttpResponse<String> after = validate(SHOP_KEY, token);

        assertThat(logout.statusCode()).isEqualTo(200);
        assertThat(logout.headers().firstValue("X-Passport-Sessions-Revoked")).isEmpty();
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(validationsPassportSaw()).isEqualTo(2);
    }

    @Test
    void shouldAskPassportAgainOnceTheAnswersTimeIsUpAndNeverKeepARefusal() throws InterruptedException {
        passport.answer(LocalTokenValidationTest::passportAnswer);
        String token = tokenOfShop(UUID.randomUUID().toString());
        assertThat(validate(SHOP_KEY, token).statusCode()).isEqualTo(200);
        Thread.sleep(900);
        assertThat(validate(SHOP_KEY, token).statusCode()).isEqualTo(200);
        assertThat(validationsPassportSaw()).isEqualTo(2);

        passport.answer(request -> request.path().equals("/auth/v1/token/validate")
                ? new Answer(401, "{\"error\":\"TOKEN_INVALID\",\"message\":\"no\"}", Duration.ZERO)
                : passportAnswer(request));
        String refused = tokenOfShop(UUID.randomUUID().toString());
        assertThat(validate(SHOP_KEY, refused).statusCode()).isEqualTo(401);
        assertThat(validate(SHOP_KEY, refused).statusCode()).isEqualTo(401);
        assertThat(validationsPassportSaw()).isEqualTo(4);
    }

    @Test
    void shouldNotKeepAnAnswerPassportGaveBeforeALogoutItRoutedMeanwhile() throws Exception {
        String userId = UUID.randomUUID().toString();
        String token = tokenOfShop(userId);
        // Passport checks the session at once, but its answer arrives after the logout's.
        passport.answer(request -> {
            Answer answer = passportAnswer(request);
            return request.path().equals("/auth/v1/token/validate") && validationsPassportSaw() == 1
                    ? new Answer(answer.status(), answer.body(), Duration.ofMillis(800), answer.headers())
                    : answer;
        });
        var slow = java.util.concurrent.CompletableFuture.supplyAsync(() -> validate(SHOP_KEY, token));
        while (validationsPassportSaw() == 0) {
            Thread.sleep(10);
        }
        HttpResponse<String> logout = FakeService.call(port, "POST", "/auth/v1/logout", "{\"token\":\"" + token + "\"}",
                "Authorization", SHOP_KEY);

        assertThat(logout.statusCode()).isEqualTo(200);
        assertThat(slow.get().statusCode()).as("passport's answer from before the logout").isEqualTo(200);
        assertThat(validate(SHOP_KEY, token).statusCode()).as("not kept: passport asked again").isEqualTo(401);
        assertThat(validationsPassportSaw()).isEqualTo(2);
    }

    @Test
    void shouldLeaveBrowsersAndOtherAnswerFormatsToPassport() {
        passport.answer(LocalTokenValidationTest::passportAnswer);
        String token = tokenOfShop(UUID.randomUUID().toString());
        HttpResponse<String> first = validate(SHOP_KEY, token);
        assertThat(first.headers().allValues("Vary")).isNotEmpty();

        HttpResponse<String> local = validate(SHOP_KEY, token);
        HttpResponse<String> browser = validate(SHOP_KEY, token, "Origin", "https://app.example.com");
        validate(SHOP_KEY, token, "Accept", "application/problem+json");

        assertThat(local.headers().allValues("Vary")).containsExactlyElementsOf(first.headers().allValues("Vary"));
        assertThat(local.headers().firstValue("Date")).isPresent();
        // No origin is allowed here: the routed path's CORS handling refuses it, as it always has.
        assertThat(browser.statusCode()).isEqualTo(403);
        assertThat(validationsPassportSaw()).as("the first and the one with another Accept").isEqualTo(2);
    }

    @Test
    void shouldSendWhatItCannotReadToPassportAsItCame() {
        passport.answer(LocalTokenValidationTest::passportAnswer);
        String odd = "{\"token\":\"not-a-jwt\"} trailing";

        HttpResponse<String> answer = FakeService.call(port, "POST", "/auth/v1/token/validate", odd, "Authorization", SHOP_KEY);
        FakeService.call(port, "POST", "/auth/v1/token/validate", "{\"nothing\":1}", "Authorization", SHOP_KEY);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(passport.received().stream().filter(request -> request.path().equals("/auth/v1/token/validate")))
                .extracting(Received::body).containsExactly(odd, "{\"nothing\":1}");
    }
}
