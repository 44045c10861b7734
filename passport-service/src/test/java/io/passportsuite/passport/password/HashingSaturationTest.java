package io.passportsuite.passport.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.passport.api.Apps;
import io.passportsuite.passport.api.Http;
import io.passportsuite.passport.app.AppAdministration;
import io.passportsuite.passport.app.PasswordPolicy;
import tools.jackson.databind.JsonNode;

/**
 * Logins fill every hash slot and the waiting line: the next login on each surface is told 503
 * with Retry-After at once, while token checks, which never hash, keep answering.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class HashingSaturationTest {

    @TestConfiguration
    static class OneSlotOneWaiting {

        @Bean
        HoldableArgon2 holdableArgon2() {
            return new HoldableArgon2();
        }

        @Bean
        @Primary
        PasswordHasher oneSlotHasher(HoldableArgon2 argon2) {
            return new PasswordHasher(new Argon2Settings(19456, 2, 1, 16, 32, 1),
                    new HashingLimits(1, Duration.ofSeconds(60)), argon2, 2, 1L << 30);
        }
    }

    @LocalServerPort
    private int port;

    @Autowired
    private AppAdministration administration;

    @Autowired
    private HoldableArgon2 argon2;

    @Autowired
    private PasswordHasher hasher;

    private final ExecutorService clients = Executors.newCachedThreadPool();

    @AfterEach
    void releaseHashes() {
        argon2.release();
        clients.shutdownNow();
    }

    @Test
    void shouldAnswerLoginsBeyondTheWaitingLine503AtOnceWhileTokenChecksStillAnswer() throws Exception {
        Http http = new Http(port);
        Apps.TestApp app = Apps.create(administration, new PasswordPolicy(6, 100, false));
        assertThat(http.post("/auth/v1/register", """
                {"nickname":"n","password":"secret1","contact_type":"email","contact":"busy@example.com","app_id":"%s"}
                """.formatted(app.appId()), "Authorization", app.authorization()).status()).isEqualTo(201);
        String canonicalLogin = """
                {"contact_type":"email","contact":"busy@example.com","password":"secret1","app_id":"%s"}
                """.formatted(app.appId());
        Http.Response canonical = http.post("/auth/v1/login", canonicalLogin, "Authorization", app.authorization());
        assertThat(canonical.status()).as(canonical.toString()).isEqualTo(200);
        Http.Response chat = http.post("/api/auth/register", """
                {"email":"busy@example.com","password":"secure-password1","displayName":"Busy"}
                """);
        assertThat(chat.status()).as(chat.toString()).isEqualTo(201);
        String chatLogin = "{\"email\":\"busy@example.com\",\"password\":\"secure-password1\"}";

        argon2.hold();
        int before = argon2.entered();
        Future<Http.Response> hashing = clients.submit(() -> http.post("/api/auth/login", chatLogin));
        await().until(() -> argon2.entered() == before + 1);
        Future<Http.Response> waiting = clients.submit(() -> http.post("/api/auth/login", chatLogin));
        await().until(() -> hasher.hashesWaiting() == 1);

        long started = System.nanoTime();
        assertSaturated(http.post("/api/auth/login", chatLogin), false);
        assertSaturated(http.post("/auth/v1/login", canonicalLogin, "Authorization", app.authorization()), false);
        assertSaturated(http.post("/auth/login", "{\"identifier\":\"nobody_at_all\",\"password\":\"password123\"}"), true);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

        Http.Response validated = http.post("/auth/v1/token/validate", "{\"token\":\"" + canonical.text("access_token") + "\"}",
                "Authorization", app.authorization());
        assertThat(validated.status()).as(validated.toString()).isEqualTo(200);
        Http.Response me = http.get("/api/auth/me", "Authorization", Http.bearer(chat.text("accessToken")));
        assertThat(me.status()).as(me.toString()).isEqualTo(200);

        argon2.release();
        for (Future<Http.Response> login : List.of(hashing, waiting)) {
            Http.Response response = login.get(30, TimeUnit.SECONDS);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
        }
        assertThat(http.post("/api/auth/login", chatLogin).status()).isEqualTo(200);
    }

    private static void assertSaturated(Http.Response response, boolean envelope) {
        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.headers().get("retry-after")).as(response.toString()).containsExactly("1");
        JsonNode body = response.json();
        if (envelope) {
            assertThat(body.get("success").asBoolean()).isFalse();
            assertThat(body.get("error_code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
        } else {
            assertThat(body.get("error").asString()).isEqualTo("SERVICE_UNAVAILABLE");
        }
    }
}
