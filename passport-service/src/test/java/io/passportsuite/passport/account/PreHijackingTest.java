package io.passportsuite.passport.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.passport.api.Apps;
import io.passportsuite.passport.api.Http;
import io.passportsuite.passport.app.AppAdministration;
import io.passportsuite.passport.app.PasswordPolicy;

/**
 * Someone opens an account in another person's name before that person arrives (Sudhodanan and
 * Paverd, "Pre-hijacked accounts", 2022: the classic-federated merge and the unexpired session):
 * when the owner first proves the address, on any surface, the other person's password and
 * sessions must be worth nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class PreHijackingTest {

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private AppAdministration administration;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void shouldEndTheSquattersPasswordAndSessionsWhenTheOwnerLogsInWithAnEmailCode() {
        Http.Response squatted = http.post("/api/auth/register", """
                {"email":"victim@example.com","password":"attacker-pass1","displayName":"Victim"}
                """);
        assertThat(squatted.status()).as(squatted.toString()).isEqualTo(201);
        String squatterToken = squatted.text("accessToken");
        String squatterRefresh = squatted.text("refreshToken");
        String userId = squatted.json().get("user").get("id").asString();

        String code = http.post("/api/auth/email/start", "{\"email\":\"victim@example.com\"}").text("code");
        Http.Response owner = http.post("/api/auth/email/verify", "{\"email\":\"victim@example.com\",\"code\":\"" + code + "\"}");
        assertThat(owner.status()).as(owner.toString()).isEqualTo(200);
        assertThat(owner.json().get("user").get("id").asString()).isEqualTo(userId);

        Http.Response squatterLogin = http.post("/api/auth/login", """
                {"email":"victim@example.com","password":"attacker-pass1"}
                """);
        assertThat(squatterLogin.status()).isEqualTo(401);
        assertThat(squatterLogin.text("error")).isEqualTo("INVALID_CREDENTIALS");
        assertThat(http.post("/auth/login", "{\"identifier\":\"victim@example.com\",\"password\":\"attacker-pass1\"}").status())
                .as("the envelope surface, same account").isEqualTo(401);
        assertThat(http.get("/api/auth/me", "Authorization", Http.bearer(squatterToken)).status()).isEqualTo(401);
        Http.Response refreshed = http.post("/api/auth/refresh", "{\"refreshToken\":\"" + squatterRefresh + "\"}");
        assertThat(refreshed.status()).isEqualTo(401);
        assertThat(http.get("/api/auth/me", "Authorization", Http.bearer(owner.text("accessToken"))).status())
                .as("the owner's own session, opened by the proof").isEqualTo(200);
        assertThat(jdbc.sql("SELECT detail->>'password_dropped' FROM security_event WHERE user_id = :id AND type = 'contact_proven'")
                .param("id", java.util.UUID.fromString(userId)).query(String.class).single()).isEqualTo("true");

        // The owner sets a password of their own with a reset code; a later proof leaves it alone.
        String resetCode = http.post("/auth/forgot-password", "{\"identifier\":\"victim@example.com\"}")
                .json().get("data").get("verification_code").asString();
        assertThat(http.post("/auth/reset-password", """
                {"identifier":"victim@example.com","verification_code":"%s","new_password":"owners-pass1"}
                """.formatted(resetCode)).status()).isEqualTo(200);
        // Past the resend cooldown, as if the owner came back later.
        jdbc.sql("UPDATE verification_code SET created_at = created_at - interval '2 minutes' WHERE contact = 'victim@example.com'").update();
        String again = http.post("/api/auth/email/start", "{\"email\":\"victim@example.com\"}").text("code");
        assertThat(http.post("/api/auth/email/verify", "{\"email\":\"victim@example.com\",\"code\":\"" + again + "\"}").status())
                .isEqualTo(200);
        assertThat(http.post("/api/auth/login", "{\"email\":\"victim@example.com\",\"password\":\"owners-pass1\"}").status())
                .isEqualTo(200);
    }

    @Test
    void shouldEndTheSquattersPasswordWhenTheOwnerVerifiesTheEmailOnTheEnvelopeSurface() {
        http.post("/api/auth/register", "{\"email\":\"verify-victim@example.com\",\"password\":\"attacker-pass1\"}");
        String code = http.post("/auth/send-email-verification", "{\"email\":\"verify-victim@example.com\"}")
                .json().get("data").get("verification_code").asString();

        Http.Response verified = http.post("/auth/verify-email", """
                {"email":"verify-victim@example.com","verification_code":"%s"}
                """.formatted(code));

        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        assertThat(http.post("/auth/login", "{\"identifier\":\"verify-victim@example.com\",\"password\":\"attacker-pass1\"}").status())
                .isEqualTo(401);
    }

    @Test
    void shouldEndTheSquattersPasswordAndTokensWhenTheOwnerLogsInWithACaptcha() {
        Apps.TestApp app = Apps.create(administration, new PasswordPolicy(6, 100, false));
        for (String[] contact : new String[][] {{"email", "captcha-victim@example.com"}, {"phone", "+8613800138111"}}) {
            Http.Response squatted = http.post("/auth/v1/register", """
                    {"nickname":"n","password":"attacker","contact_type":"%s","contact":"%s","app_id":"%s"}
                    """.formatted(contact[0], contact[1], app.appId()), "Authorization", app.authorization());
            assertThat(squatted.status()).as(squatted.toString()).isEqualTo(201);
            String squatterToken = canonicalLogin(app, contact, "\"password\":\"attacker\"").text("access_token");

            http.post("/auth/v1/captcha", """
                    {"contact_type":"%s","contact":"%s","scene":"captcha_login"}
                    """.formatted(contact[0], contact[1]), "Authorization", app.authorization());
            String code = jdbc.sql("SELECT debug_code FROM verification_code WHERE contact = :contact AND closed_at IS NULL")
                    .param("contact", contact[1]).query(String.class).single();
            Http.Response owner = canonicalLogin(app, contact, "\"captcha\":\"" + code + "\"");
            assertThat(owner.status()).as(owner.toString()).isEqualTo(200);

            assertThat(canonicalLogin(app, contact, "\"password\":\"attacker\"").status()).as(contact[0]).isEqualTo(401);
            assertThat(http.post("/auth/v1/token/validate", "{\"token\":\"" + squatterToken + "\"}", "Authorization", app.authorization())
                    .status()).as(contact[0]).isEqualTo(401);
            assertThat(http.post("/auth/v1/token/validate", "{\"token\":\"" + owner.text("access_token") + "\"}", "Authorization",
                    app.authorization()).status()).as(contact[0]).isEqualTo(200);
        }
    }

    @Test
    void shouldKeepThePasswordOfAnAccountWhoseEmailWasProvenAtRegistration() {
        String code = http.post("/auth/send-email-verification", "{\"email\":\"proven@example.com\"}")
                .json().get("data").get("verification_code").asString();
        assertThat(http.post("/auth/register", """
                {"username":"proven_owner","password":"password123","nickname":"n","email":"proven@example.com","email_verification_code":"%s"}
                """.formatted(code)).status()).isEqualTo(201);
        String loginCode = http.post("/api/auth/email/start", "{\"email\":\"proven@example.com\"}").text("code");
        assertThat(http.post("/api/auth/email/verify", "{\"email\":\"proven@example.com\",\"code\":\"" + loginCode + "\"}").status())
                .isEqualTo(200);

        assertThat(http.post("/auth/login", "{\"identifier\":\"proven_owner\",\"password\":\"password123\"}").status()).isEqualTo(200);
    }

    @Test
    void shouldTakeAPhoneNobodyProvedOffAnAccountWhoseEmailSomeoneElseProved() {
        // The attacker proves their own email and names the victim's phone, unproven.
        String code = http.post("/auth/send-email-verification", "{\"email\":\"trojan@example.com\"}")
                .json().get("data").get("verification_code").asString();
        Http.Response trojan = http.post("/auth/register", """
                {"username":"trojan_horse","password":"password123","nickname":"n","email":"trojan@example.com",
                 "phone":"+8613900139000","email_verification_code":"%s"}
                """.formatted(code));
        assertThat(trojan.status()).as(trojan.toString()).isEqualTo(201);
        String defaultKey = "Bearer " + ((io.passportsuite.passport.outcome.Outcome.Success<AppAdministration.NewApiKey>)
                administration.issueKey("default", "test")).value().apiKey();

        // The victim logs in with a code sent to their phone: they must not land in that account.
        http.post("/auth/v1/captcha", """
                {"contact_type":"phone","contact":"+8613900139000","scene":"captcha_login"}
                """, "Authorization", defaultKey);
        String phoneCode = jdbc.sql("SELECT debug_code FROM verification_code WHERE contact = '+8613900139000' AND closed_at IS NULL")
                .query(String.class).single();
        Http.Response victim = http.post("/auth/v1/login", """
                {"contact_type":"phone","contact":"+8613900139000","captcha":"%s","app_id":"default"}
                """.formatted(phoneCode), "Authorization", defaultKey);

        assertThat(victim.status()).as(victim.toString()).isNotEqualTo(200);
        assertThat(jdbc.sql("SELECT phone IS NULL FROM app_user WHERE username = 'trojan_horse'").query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM security_event WHERE type = 'unproven_contact_detached'").query(Long.class).single())
                .isEqualTo(1);
        // The phone is now free for its owner.
        jdbc.sql("UPDATE verification_code SET created_at = created_at - interval '2 minutes' WHERE contact = '+8613900139000'").update();
        http.post("/auth/v1/captcha", """
                {"contact_type":"phone","contact":"+8613900139000","scene":"captcha_register"}
                """, "Authorization", defaultKey);
        String registerCode = jdbc.sql("SELECT debug_code FROM verification_code WHERE contact = '+8613900139000' AND closed_at IS NULL")
                .query(String.class).single();
        assertThat(http.post("/auth/v1/register", """
                {"nickname":"v","password":"victim-pass1","contact_type":"phone","contact":"+8613900139000","captcha":"%s","app_id":"default"}
                """.formatted(registerCode), "Authorization", defaultKey).status()).isEqualTo(201);
    }

    private Http.Response canonicalLogin(Apps.TestApp app, String[] contact, String credential) {
        return http.post("/auth/v1/login", """
                {"contact_type":"%s","contact":"%s",%s,"app_id":"%s"}
                """.formatted(contact[0], contact[1], credential, app.appId()), "Authorization", app.authorization());
    }
}
