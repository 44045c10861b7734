package io.passportsuite.passport.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.passportsuite.common.events.Topics;
import io.passportsuite.common.retention.PeriodicPurge;
import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.passport.api.Apps;
import io.passportsuite.passport.api.Http;
import io.passportsuite.passport.app.AppAdministration;
import io.passportsuite.passport.app.PasswordPolicy;
import tools.jackson.databind.JsonNode;

/** Every code flow of the three surfaces, in test mode, where the send answers carry the code. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class CodeFlowsTest {

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private AppAdministration administration;

    @Autowired
    @Qualifier("expiredCodePurge")
    private PeriodicPurge expiredCodePurge;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    private String sendEmailCode(String email) {
        Http.Response sent = http.post("/auth/send-email-verification", "{\"email\":\"" + email + "\"}");
        assertThat(sent.status()).as(sent.toString()).isEqualTo(206);
        JsonNode body = sent.json();
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("error_code").asString()).isEqualTo("TEST_MODE_ONLY");
        assertThat(body.get("data").get("is_test_mode").asBoolean()).isTrue();
        String code = body.get("data").get("verification_code").asString();
        assertThat(code).matches("\\d{6}");
        return code;
    }

    private Http.Response registerEnvelope(String username, String email, String code) {
        return http.post("/auth/register", """
                {"username":"%s","password":"password123","nickname":"n","email":"%s","email_verification_code":%s}
                """.formatted(username, email, code == null ? "null" : "\"" + code + "\""));
    }

    @Test
    void shouldRequireAVerifiedEmailCodeToRegisterWithAnEmail() {
        Http.Response withoutCode = registerEnvelope("needs_code", "needs@example.com", null);
        assertThat(withoutCode.status()).isEqualTo(400);
        assertThat(withoutCode.json().get("error_code").asString()).isEqualTo("REGISTER_FAILED");

        String code = sendEmailCode("needs@example.com");
        String wrong = code.equals("000000") ? "111111" : "000000";
        assertThat(registerEnvelope("needs_code", "needs@example.com", wrong).json().get("error_code").asString())
                .isEqualTo("REGISTER_FAILED");

        Http.Response registered = registerEnvelope("needs_code", "needs@example.com", code);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT email_verified FROM app_user WHERE username = 'needs_code'").query(Boolean.class).single()).isTrue();
        assertThat(registerEnvelope("needs_code_2", "needs2@example.com", code).status()).isEqualTo(400);

        // The message request left through the outbox with the code, keyed by the destination.
        assertThat(jdbc.sql("SELECT count(*) FROM outbox_event WHERE topic = :topic AND event_key = 'needs@example.com'")
                .param("topic", Topics.NOTIFICATION_REQUESTS).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void shouldThrottleResendsAndKillACodeAfterFiveWrongTries() {
        String code = sendEmailCode("throttle@example.com");
        Http.Response again = http.post("/auth/resend-email-verification", "{\"email\":\"throttle@example.com\"}");
        assertThat(again.status()).isEqualTo(429);
        assertThat(again.json().get("error_code").asString()).isEqualTo("RATE_LIMITED");
        assertThat(Integer.parseInt(again.headers().get("retry-after").getFirst())).isBetween(1, 60);

        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            Http.Response failed = http.post("/auth/verify-email",
                    "{\"email\":\"throttle@example.com\",\"verification_code\":\"" + wrong + "\"}");
            assertThat(failed.status()).isEqualTo(400);
        }
        Http.Response right = http.post("/auth/verify-email", "{\"email\":\"throttle@example.com\",\"verification_code\":\"" + code + "\"}");
        assertThat(right.status()).isEqualTo(400);
        assertThat(right.json().get("error_code").asString()).isEqualTo("INVALID_CODE");
    }

    @Test
    void shouldResetAForgottenPasswordAndEndOtherSessions() {
        String code = sendEmailCode("forgot@example.com");
        registerEnvelope("forgetful", "forgot@example.com", code);
        String oldToken = login("forgetful", "password123").get("access_token").asString();

        Http.Response forgot = http.post("/auth/forgot-password", "{\"identifier\":\"forgot@example.com\"}");
        assertThat(forgot.status()).isEqualTo(206);
        String resetCode = forgot.json().get("data").get("verification_code").asString();
        Http.Response unknown = http.post("/auth/forgot-password", "{\"identifier\":\"nobody@example.com\"}");
        assertThat(unknown.status()).isEqualTo(206);
        assertThat(unknown.json().get("error_code").asString()).isEqualTo("TEST_MODE_ONLY");

        Http.Response wrongCode = http.post("/auth/reset-password", """
                {"identifier":"forgot@example.com","verification_code":"%s","new_password":"newpassword1"}
                """.formatted(resetCode.equals("000000") ? "111111" : "000000"));
        assertThat(wrongCode.json().get("error_code").asString()).isEqualTo("RESET_PASSWORD_FAILED");
        Http.Response reset = http.post("/auth/reset-password", """
                {"identifier":"forgot@example.com","verification_code":"%s","new_password":"newpassword1"}
                """.formatted(resetCode));
        assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
        assertThat(reset.json().get("message").asString()).isEqualTo("密码重置成功");

        assertThat(http.post("/auth/login", "{\"identifier\":\"forgetful\",\"password\":\"password123\"}").status()).isEqualTo(401);
        assertThat(login("forgetful", "newpassword1")).isNotNull();
        assertThat(http.get("/api/auth/me", "Authorization", Http.bearer(oldToken)).status()).isEqualTo(401);
    }

    @Test
    void shouldChangeThePasswordOfTheTokensUserOnlyAndKeepThatSession() {
        http.post("/auth/register", "{\"username\":\"victim\",\"password\":\"password123\",\"nickname\":\"v\"}");
        Http.Response changer = http.post("/auth/register", "{\"username\":\"changer\",\"password\":\"password123\",\"nickname\":\"c\"}");
        String victimId = changer.json().get("data").get("user").get("id").asString();
        victimId = http.post("/auth/login", "{\"identifier\":\"victim\",\"password\":\"password123\"}")
                .json().get("data").get("user").get("id").asString();
        String current = changer.json().get("data").get("access_token").asString();
        String other = login("changer", "password123").get("access_token").asString();

        Http.Response wrongOld = http.put("/auth/change-password", """
                {"user_id":"%s","old_password":"wrongpass1","new_password":"changed123"}
                """.formatted(victimId), "Authorization", Http.bearer(current));
        assertThat(wrongOld.json().get("error_code").asString()).isEqualTo("CHANGE_PASSWORD_FAILED");

        Http.Response changed = http.put("/auth/change-password", """
                {"user_id":"%s","old_password":"password123","new_password":"changed123"}
                """.formatted(victimId), "Authorization", Http.bearer(current));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);

        assertThat(http.post("/auth/login", "{\"identifier\":\"victim\",\"password\":\"password123\"}").status()).isEqualTo(200);
        assertThat(http.post("/auth/login", "{\"identifier\":\"changer\",\"password\":\"changed123\"}").status()).isEqualTo(200);
        assertThat(http.get("/api/auth/me", "Authorization", Http.bearer(current)).status()).isEqualTo(200);
        assertThat(http.get("/api/auth/me", "Authorization", Http.bearer(other)).status()).isEqualTo(401);
        assertThat(http.put("/auth/change-password", "{\"old_password\":\"a1\",\"new_password\":\"b1\"}").status()).isEqualTo(401);
    }

    @Test
    void shouldServeTheDebugEndpointInTestMode() {
        String code = sendEmailCode("debug@example.com");
        Http.Response debug = http.post("/auth/debug-verification-code", "{\"email\":\"debug@example.com\"}");
        assertThat(debug.status()).isEqualTo(200);
        assertThat(debug.json().get("data").get("verification_code").asString()).isEqualTo(code);
        assertThat(debug.json().get("data").get("expires_at").asString()).isNotBlank();
    }

    @Test
    void shouldLogInOrCreateAGuestWithAnEmailCodeOnTheChatSurface() {
        Http.Response started = http.post("/api/auth/email/start", "{\"email\":\"guest@example.com\"}");
        assertThat(started.status()).isEqualTo(200);
        String code = started.text("code");
        Http.Response wrong = http.post("/api/auth/email/verify", "{\"email\":\"guest@example.com\",\"code\":\"" + (code.equals("000000") ? "111111" : "000000") + "\"}");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.text("error")).isEqualTo("INVALID_CODE");

        Http.Response guest = http.post("/api/auth/email/verify", "{\"email\":\"guest@example.com\",\"code\":\"" + code + "\"}");
        assertThat(guest.status()).as(guest.toString()).isEqualTo(200);
        String guestId = guest.json().get("user").get("id").asString();
        assertThat(guest.json().get("accessToken").asString()).isNotBlank();
        assertThat(guest.json().get("user").get("emailVerified").asBoolean()).isTrue();

        String again = forceNewCode("guest@example.com");
        Http.Response existing = http.post("/api/auth/email/verify", "{\"email\":\"guest@example.com\",\"code\":\"" + again + "\"}");
        assertThat(existing.json().get("user").get("id").asString()).isEqualTo(guestId);
    }

    @Test
    void shouldLogInWithACaptchaOnTheCanonicalApi() {
        Apps.TestApp app = Apps.create(administration, new PasswordPolicy(6, 100, false));
        http.post("/auth/v1/register", """
                {"nickname":"c","password":"secret","contact_type":"email","contact":"captcha@example.com","app_id":"%s"}
                """.formatted(app.appId()), "Authorization", app.authorization());
        Http.Response sent = http.post("/auth/v1/captcha", """
                {"contact_type":"email","contact":"captcha@example.com","scene":"captcha_login"}
                """, "Authorization", app.authorization());
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.body()).isEqualTo("{}");
        assertThat(http.post("/auth/v1/captcha", """
                {"contact_type":"email","contact":"captcha@example.com","scene":"captcha_other"}
                """, "Authorization", app.authorization()).status()).isEqualTo(400);

        String code = jdbc.sql("SELECT debug_code FROM verification_code WHERE contact = 'captcha@example.com' AND closed_at IS NULL")
                .query(String.class).single();
        Http.Response login = http.post("/auth/v1/login", """
                {"contact_type":"email","contact":"captcha@example.com","captcha":"%s","app_id":"%s"}
                """.formatted(code, app.appId()), "Authorization", app.authorization());
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        assertThat(login.text("token_type")).isEqualTo("Bearer");
    }

    @Test
    void shouldRegisterOnlyWithTheRegistrationCodeWhenTheAppRequiresIt() {
        Apps.TestApp app = Apps.create(administration, new PasswordPolicy(6, 100, false), true);
        String register = """
                {"nickname":"r","password":"secret","contact_type":"phone","contact":"+8613800139000","app_id":"%s"%s}
                """;
        Http.Response without = http.post("/auth/v1/register", register.formatted(app.appId(), ""), "Authorization", app.authorization());
        assertThat(without.status()).isEqualTo(400);
        assertThat(without.text("error")).isEqualTo("VALIDATION_FAILED");

        assertThat(http.post("/auth/v1/captcha", """
                {"contact_type":"phone","contact":"+8613800139000","scene":"captcha_register"}
                """, "Authorization", app.authorization()).status()).isEqualTo(200);
        String code = jdbc.sql("SELECT debug_code FROM verification_code WHERE contact = '+8613800139000' AND closed_at IS NULL")
                .query(String.class).single();
        String wrong = code.equals("000000") ? "111111" : "000000";
        Http.Response badCode = http.post("/auth/v1/register", register.formatted(app.appId(), ",\"captcha\":\"" + wrong + "\""),
                "Authorization", app.authorization());
        assertThat(badCode.text("error")).isEqualTo("INVALID_CODE");
        Http.Response registered = http.post("/auth/v1/register", register.formatted(app.appId(), ",\"captcha\":\"" + code + "\""),
                "Authorization", app.authorization());
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.text("phone")).isEqualTo("+8613800139000");
    }

    @Test
    void shouldNeverAcceptACodeOfAnotherAppOrPurpose() {
        Apps.TestApp first = Apps.create(administration, new PasswordPolicy(6, 100, false));
        Apps.TestApp second = Apps.create(administration, new PasswordPolicy(6, 100, false));
        for (Apps.TestApp app : new Apps.TestApp[] {first, second}) {
            http.post("/auth/v1/register", """
                    {"nickname":"x","password":"secret","contact_type":"email","contact":"cross@example.com","app_id":"%s"}
                    """.formatted(app.appId()), "Authorization", app.authorization());
        }
        http.post("/auth/v1/captcha", "{\"contact_type\":\"email\",\"contact\":\"cross@example.com\",\"scene\":\"captcha_reset_password\"}",
                "Authorization", first.authorization());
        String code = jdbc.sql("SELECT debug_code FROM verification_code WHERE app_id = :appId AND closed_at IS NULL")
                .param("appId", first.appId()).query(String.class).single();

        Http.Response otherApp = http.post("/auth/v1/login", """
                {"contact_type":"email","contact":"cross@example.com","captcha":"%s","app_id":"%s"}
                """.formatted(code, second.appId()), "Authorization", second.authorization());
        assertThat(otherApp.status()).isEqualTo(400);
        Http.Response otherPurpose = http.post("/auth/v1/login", """
                {"contact_type":"email","contact":"cross@example.com","captcha":"%s","app_id":"%s"}
                """.formatted(code, first.appId()), "Authorization", first.authorization());
        assertThat(otherPurpose.status()).isEqualTo(400);
        assertThat(otherPurpose.text("error")).isEqualTo("INVALID_CODE");
    }

    @Test
    void shouldPurgeCodesExpiredLongerThanTheRetentionAndKeepTheOthers() {
        sendEmailCode("purge-old@example.com");
        sendEmailCode("purge-recent@example.com");
        String live = sendEmailCode("purge-live@example.com");
        jdbc.sql("""
                UPDATE verification_code SET created_at = now() - interval '8 days', expires_at = now() - interval '8 days' + interval '10 minutes'
                WHERE contact = 'purge-old@example.com'
                """).update();
        jdbc.sql("""
                UPDATE verification_code SET created_at = now() - interval '6 days', expires_at = now() - interval '6 days' + interval '10 minutes'
                WHERE contact = 'purge-recent@example.com'
                """).update();

        Map<String, Long> deleted = expiredCodePurge.runOnce();

        assertThat(deleted.values()).containsExactly(1L);
        assertThat(jdbc.sql("SELECT contact FROM verification_code WHERE contact LIKE 'purge-%'").query(String.class).list())
                .containsExactlyInAnyOrder("purge-recent@example.com", "purge-live@example.com");
        assertThat(http.post("/auth/verify-email", "{\"email\":\"purge-live@example.com\",\"verification_code\":\"" + live + "\"}")
                .status()).isEqualTo(200);
    }

    /** Lets the resend cooldown pass for one destination by ageing its codes. */
    private String forceNewCode(String email) {
        jdbc.sql("UPDATE verification_code SET created_at = created_at - interval '2 minutes' WHERE contact = :email")
                .param("email", email).update();
        return http.post("/api/auth/email/start", "{\"email\":\"" + email + "\"}").text("code");
    }

    private JsonNode login(String identifier, String password) {
        Http.Response response = http.post("/auth/login", "{\"identifier\":\"" + identifier + "\",\"password\":\"" + password + "\"}");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("data");
    }
}
