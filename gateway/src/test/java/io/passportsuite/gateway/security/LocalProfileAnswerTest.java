package io.passportsuite.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
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
 * The gateway answers a repeated {@code GET /api/auth/me} itself only with passport's own answer
 * for the very same token; a change the user makes through it, a logout or the answer's time ends
 * that at once, and nobody else's token, identity headers or app ever reaches it.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "passport.gateway.security.internal-credential=" + FakePassport.CREDENTIAL,
        "passport.gateway.security.revocation.enabled=false",
        "passport.gateway.security.profile-answers.answer-for=700ms",
        // These count passport's answers; refreshing ahead (ProfileRefreshTest) would add some
        // whenever a test's requests take longer than four fifths of the answer's time.
        "passport.gateway.security.profile-answers.refresh-ahead=false"})
class LocalProfileAnswerTest {

    private static final RSAKey signingKey = TestTokens.newKey("key-profile");
    /** Display names the fake passport holds, by user id. */
    private static final Map<String, String> names = new ConcurrentHashMap<>();
    /** Sessions the fake passport has ended. */
    private static final Set<String> ended = ConcurrentHashMap.newKeySet();

    @RegisterExtension
    static final FakeService passport = new FakeService();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.passport-service[0].uri", passport::url);
    }

    /** As passport: the caller's profile by its token; a profile change; a logout that ends the session. */
    private static Answer passportAnswer(Received request) {
        try {
            if (request.path().equals("/.well-known/jwks.json")) {
                return Answer.ok(new JWKSet(signingKey).toPublicJWKSet().toString());
            }
            if (request.path().equals("/internal/api-keys/self")) {
                return Answer.ok("{\"app_id\":\"default\"}");
            }
            if (request.path().startsWith("/auth/v1/users/")) {
                // The app's backend renames its user: passport names the user in its answer to the gateway.
                String userId = request.path().substring("/auth/v1/users/".length());
                names.put(userId, "Renamed");
                return new Answer(200, "{\"user_id\":\"" + userId + "\"}", Duration.ZERO, Map.of("X-Passport-Users-Changed", userId));
            }
            String authorization = request.header("Authorization");
            if (authorization == null) {
                return new Answer(401, "{\"error\":\"TOKEN_INVALID\",\"message\":\"no\"}", Duration.ZERO);
            }
            var claims = SignedJWT.parse(authorization.substring("Bearer ".length())).getJWTClaimsSet();
            String userId = claims.getSubject();
            if (ended.contains(claims.getStringClaim("sid"))) {
                return new Answer(401, "{\"error\":\"TOKEN_INVALID\",\"message\":\"no\"}", Duration.ZERO);
            }
            return switch (request.method() + " " + request.path()) {
                case "PATCH /api/auth/me" -> {
                    names.put(userId, request.body().replaceAll("(?s).*\"displayName\"\\s*:\\s*\"([^\"]*)\".*", "$1"));
                    yield Answer.ok(profile(userId));
                }
                case "POST /api/auth/logout" -> {
                    ended.add(claims.getStringClaim("sid"));
                    yield new Answer(204, "", Duration.ZERO, Map.of("X-Passport-Sessions-Revoked", userId));
                }
                case "GET /api/auth/me" -> Answer.ok(profile(userId));
                default -> Answer.ok("{\"ok\":true}");
            };
        } catch (java.text.ParseException e) {
            return new Answer(401, "{\"error\":\"TOKEN_INVALID\",\"message\":\"no\"}", Duration.ZERO);
        }
    }

    private static String profile(String userId) {
        return "{\"id\":\"" + userId + "\",\"username\":\"u\",\"displayName\":\"" + names.getOrDefault(userId, "Alice")
                + "\",\"avatarUrl\":null,\"isBot\":false}";
    }

    private static String tokenOf(String userId) {
        return TestTokens.sign(signingKey, TestTokens.claims(userId, 1, UUID.randomUUID().toString()).build());
    }

    private HttpResponse<String> me(String token, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = "Bearer " + token;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return FakeService.call(port, "GET", "/api/auth/me", null, all);
    }

    private static long profilesPassportGave() {
        return passport.received().stream().filter(request -> request.method().equals("GET") && request.path().equals("/api/auth/me"))
                .count();
    }

    @Test
    void shouldGivePassportsAnswerAgainForTheSameTokenAndEachTokenItsOwn() {
        passport.answer(LocalProfileAnswerTest::passportAnswer);
        String alice = UUID.randomUUID().toString();
        String bob = UUID.randomUUID().toString();
        String alicesToken = tokenOf(alice);
        String bobsToken = tokenOf(bob);

        HttpResponse<String> first = me(alicesToken);
        HttpResponse<String> again = me(alicesToken);
        HttpResponse<String> bobs = me(bobsToken);
        HttpResponse<String> bobsAgain = me(bobsToken);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains(alice);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(again.headers().allValues("Vary")).containsExactlyElementsOf(first.headers().allValues("Vary"));
        assertThat(again.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(bobs.body()).contains(bob).doesNotContain(alice);
        assertThat(bobsAgain.body()).isEqualTo(bobs.body());
        assertThat(profilesPassportGave()).as("one per token").isEqualTo(2);
    }

    @Test
    void shouldLogTheUserOfAnAnswerItGaveItself(CapturedOutput output) {
        passport.answer(LocalProfileAnswerTest::passportAnswer);
        String alice = UUID.randomUUID().toString();
        String token = tokenOf(alice);
        assertThat(me(token).statusCode()).isEqualTo(200);

        assertThat(me(token, "X-Request-Id", "profile-kept-1").statusCode()).isEqualTo(200);

        assertThat(profilesPassportGave()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut())
                .containsPattern("request_id=profile-kept-1 .* status=200 .* user_id=" + alice));
    }

    @Test
    void shouldNeverAnswerAnotherUsersHeadersAnotherAppsTokenOrNoToken() {
        passport.answer(LocalProfileAnswerTest::passportAnswer);
        String alice = UUID.randomUUID().toString();
        String alicesToken = tokenOf(alice);
        assertThat(me(alicesToken).statusCode()).isEqualTo(200);
        String mallory = UUID.randomUUID().toString();

        // Mallory's own token with Alice's identity headers: Mallory's profile, from passport.
        HttpResponse<String> spoofed = me(tokenOf(mallory), "X-Passport-User-Id", alice, "X-Passport-Session-Id",
                UUID.randomUUID().toString(), "X-Passport-App-Id", "default");
        // A token of another app for Alice, and Alice's token taken apart: no answer at all.
        String otherApp = TestTokens.sign(signingKey, TestTokens.claims(alice, 1, UUID.randomUUID().toString())
                .audience("shop").claim("app_id", "shop").build());
        HttpResponse<String> otherAppsToken = me(otherApp);
        HttpResponse<String> noToken = FakeService.call(port, "GET", "/api/auth/me", null, "X-Passport-User-Id", alice);
        HttpResponse<String> altered = me(alicesToken.substring(0, alicesToken.length() - 4) + "AAAA");

        assertThat(spoofed.statusCode()).isEqualTo(200);
        assertThat(spoofed.body()).contains(mallory).doesNotContain(alice);
        assertThat(otherAppsToken.statusCode()).isEqualTo(401);
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(altered.statusCode()).isEqualTo(401);
        assertThat(profilesPassportGave()).as("Alice's once, Mallory's once").isEqualTo(2);
        assertThat(passport.received().stream().filter(request -> request.path().equals("/api/auth/me")).toList().getLast()
                .header("X-Passport-User-Id")).isEqualTo(mallory);
    }

    @Test
    void shouldReadBackAChangeTheUserJustMade() {
        passport.answer(LocalProfileAnswerTest::passportAnswer);
        String alice = UUID.randomUUID().toString();
        String token = tokenOf(alice);
        String otherSession = tokenOf(alice);
        assertThat(me(token).body()).contains("\"displayName\":\"Alice\"");
        assertThat(me(otherSession).body()).contains("\"displayName\":\"Alice\"");

        HttpResponse<String> saved = FakeService.call(port, "PATCH", "/api/auth/me", "{\"displayName\":\"Alicia\"}",
                "Authorization", "Bearer " + token);

        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(me(token).body()).contains("\"displayName\":\"Alicia\"");
        assertThat(me(otherSession).body()).as("the user's other sessions too").contains("\"displayName\":\"Alicia\"");
        assertThat(profilesPassportGave()).isEqualTo(4);
    }

    @Test
    void shouldAskPassportAgainOnceItsAnswerToAnotherRequestNamesTheUserChanged() {
        passport.answer(LocalProfileAnswerTest::passportAnswer);
        String alice = UUID.randomUUID().toString();
        String token = tokenOf(alice);
        assertThat(me(token).body()).contains("\"displayName\":\"Alice\"");
        assertThat(me(token).body()).contains("\"displayName\":\"Alice\"");

        HttpResponse<String> renamed = FakeService.call(port, "PATCH", "/auth/v1/users/" + alice, "{\"nickname\":\"Renamed\"}",
                "Authorization", "Bearer psk_default_key");

        assertThat(renamed.statusCode()).isEqualTo(200);
        assertThat(renamed.headers().firstValue("X-Passport-Users-Changed")).as("never passed to the client").isEmpty();
        assertThat(me(token).body()).contains("\"displayName\":\"Renamed\"");
        assertThat(profilesPassportGave()).isEqualTo(2);
    }

    @Test
    void shouldNotKeepAProfilePassportGaveWhileAChangeWasUnderWay() throws Exception {
        String alice = UUID.randomUUID().toString();
        String token = tokenOf(alice);
        // Passport reads the profile at once, but its answer arrives after the change's.
        passport.answer(request -> {
            Answer answer = passportAnswer(request);
            return request.method().equals("GET") && profilesPassportGave() == 1
                    ? new Answer(answer.status(), answer.body(), Duration.ofMillis(800), answer.headers())
                    : answer;
        });
        var slow = CompletableFuture.supplyAsync(() -> me(token));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (profilesPassportGave() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        HttpResponse<String> saved = FakeService.call(port, "PATCH", "/api/auth/me", "{\"displayName\":\"Alicia\"}",
                "Authorization", "Bearer " + token);

        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(slow.get().body()).as("passport's answer from before the change").contains("\"displayName\":\"Alice\"");
        assertThat(me(token).body()).as("not kept: passport asked again").contains("\"displayName\":\"Alicia\"");
        assertThat(profilesPassportGave()).isEqualTo(2);
    }

    @Test
    void shouldStopAnsweringAtOnceWhenTheSessionEndsAndAskAgainOnceTheTimeIsUp() throws InterruptedException {
        passport.answer(LocalProfileAnswerTest::passportAnswer);
        String token = tokenOf(UUID.randomUUID().toString());
        assertThat(me(token).statusCode()).isEqualTo(200);
        Thread.sleep(900);
        assertThat(me(token).statusCode()).isEqualTo(200);
        assertThat(me(token).statusCode()).isEqualTo(200);
        assertThat(profilesPassportGave()).as("again after its time, then kept").isEqualTo(2);

        HttpResponse<String> logout = FakeService.call(port, "POST", "/api/auth/logout", "{}", "Authorization", "Bearer " + token);
        HttpResponse<String> after = me(token);

        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(logout.headers().firstValue("X-Passport-Sessions-Revoked")).isEmpty();
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(profilesPassportGave()).isEqualTo(3);
    }

    @Test
    void shouldLeaveBrowsersQueriesAndOtherFormatsToPassport() {
        passport.answer(LocalProfileAnswerTest::passportAnswer);
        String token = tokenOf(UUID.randomUUID().toString());
        assertThat(me(token).statusCode()).isEqualTo(200);

        HttpResponse<String> browser = me(token, "Origin", "https://app.example.com");
        me(token, "Accept", "application/xml");
        HttpResponse<String> query = FakeService.call(port, "GET", "/api/auth/me?fields=id", null, "Authorization", "Bearer " + token);
        HttpResponse<String> local = me(token, "Accept", "application/json");

        // No origin is allowed here: the routed path's CORS handling refuses it, as it always has.
        assertThat(browser.statusCode()).isEqualTo(403);
        assertThat(query.statusCode()).isEqualTo(200);
        assertThat(local.statusCode()).isEqualTo(200);
        assertThat(profilesPassportGave()).as("the first, the other Accept and the query").isEqualTo(3);
    }
}
