package io.passportsuite.passport.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.passport.api.Http;
import io.passportsuite.passport.password.HoldableArgon2;
import io.passportsuite.passport.password.PasswordHasher;

/**
 * The squatter keeps a password check in flight while the owner proves the address: what the
 * check started with must not survive the proof. Hashes are held mid-way so the proof lands
 * exactly between the check and what follows it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class PreHijackingRaceTest {

    @TestConfiguration
    static class HeldHashes {

        @Bean
        HoldableArgon2 holdableArgon2() {
            return new HoldableArgon2();
        }

        @Bean
        @Primary
        PasswordHasher heldHasher(HoldableArgon2 argon2) {
            return argon2.hasher(2);
        }
    }

    @LocalServerPort
    private int port;

    @Autowired
    private HoldableArgon2 argon2;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @AfterEach
    void release() {
        argon2.release();
    }

    @Test
    void shouldNotWriteTheSquattersNewPasswordOverTheOwnersProof() throws Exception {
        String squatterToken = squat("race-change@example.com");
        CompletableFuture<Http.Response> change = whileHeld(() -> http.put("/auth/change-password", """
                {"old_password":"attacker-pass1","new_password":"attacker-pass2"}
                """, "Authorization", Http.bearer(squatterToken)));

        proveAsOwner("race-change@example.com");
        argon2.release();

        assertThat(change.get(30, TimeUnit.SECONDS).status()).isNotEqualTo(200);
        for (String password : new String[] {"attacker-pass1", "attacker-pass2"}) {
            assertThat(login("race-change@example.com", password).status()).as(password).isEqualTo(401);
        }
    }

    @Test
    void shouldNotOpenASessionForAPasswordCheckedBeforeTheOwnersProof() throws Exception {
        squat("race-login@example.com");
        CompletableFuture<Http.Response> squatterLogin = whileHeld(() -> login("race-login@example.com", "attacker-pass1"));

        proveAsOwner("race-login@example.com");
        argon2.release();

        Http.Response answer = squatterLogin.get(30, TimeUnit.SECONDS);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
        assertThat(answer.body()).doesNotContain("accessToken");
    }

    private String squat(String email) {
        Http.Response squatted = http.post("/api/auth/register", """
                {"email":"%s","password":"attacker-pass1"}
                """.formatted(email));
        assertThat(squatted.status()).as(squatted.toString()).isEqualTo(201);
        return squatted.text("accessToken");
    }

    /** Starts {@code call} and returns once its first password hash is under way and held. */
    private CompletableFuture<Http.Response> whileHeld(java.util.function.Supplier<Http.Response> call) {
        int before = argon2.entered();
        argon2.hold();
        CompletableFuture<Http.Response> pending = CompletableFuture.supplyAsync(call);
        await().atMost(java.time.Duration.ofSeconds(10)).until(() -> argon2.entered() > before);
        return pending;
    }

    private void proveAsOwner(String email) {
        String code = http.post("/api/auth/email/start", "{\"email\":\"" + email + "\"}").text("code");
        Http.Response owner = http.post("/api/auth/email/verify", "{\"email\":\"" + email + "\",\"code\":\"" + code + "\"}");
        assertThat(owner.status()).as(owner.toString()).isEqualTo(200);
    }

    private Http.Response login(String email, String password) {
        return http.post("/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }
}
