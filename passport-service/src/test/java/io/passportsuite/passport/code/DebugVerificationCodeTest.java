package io.passportsuite.passport.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

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
import tools.jackson.databind.JsonNode;

/** Test mode's debug endpoint shows the live code of every flow sent to an address. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class DebugVerificationCodeTest {

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

    private Http.Response debug(String email) {
        return http.post("/auth/debug-verification-code", "{\"email\":\"" + email + "\"}");
    }

    @Test
    void shouldShowTheEnvelopeCodeAsTheReferenceDoesAndEveryOtherFlowsCodeBesideIt() {
        String email = "every-flow@example.com";
        assertThat(http.post("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"secure-password1\"}").status())
                .isEqualTo(201);
        String verification = http.post("/auth/send-email-verification", "{\"email\":\"" + email + "\"}")
                .json().get("data").get("verification_code").asString();
        Http.Response chatLogin = http.post("/api/auth/email/start", "{\"email\":\"" + email + "\"}");
        assertThat(chatLogin.status()).as(chatLogin.toString()).isEqualTo(200);
        String login = chatLogin.text("code");
        String reset = http.post("/auth/forgot-password", "{\"identifier\":\"" + email + "\"}")
                .json().get("data").get("verification_code").asString();
        Apps.TestApp app = Apps.create(administration, new PasswordPolicy(6, 100, false));
        Http.Response captcha = http.post("/auth/v1/captcha", """
                {"contact_type":"email","contact":"%s","scene":"captcha_register"}
                """.formatted(email), "Authorization", app.authorization());
        assertThat(captcha.status()).as(captcha.toString()).isEqualTo(200);
        String register = jdbc.sql("SELECT debug_code FROM verification_code WHERE app_id = :app AND closed_at IS NULL")
                .param("app", app.appId()).query(String.class).single();

        Http.Response answer = debug("Every-Flow@example.com");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("message").asString()).isEqualTo("调试信息获取成功");
        JsonNode data = body.get("data");
        assertThat(data.propertyNames()).containsExactly("email", "verification_code", "expires_at", "created_at", "other_live_codes");
        assertThat(data.get("email").asString()).isEqualTo("Every-Flow@example.com");
        assertThat(data.get("verification_code").asString()).isEqualTo(verification);
        assertThat(data.get("expires_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(data.get("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(entries(data)).containsExactlyInAnyOrder(
                "default login " + login,
                "default reset_password " + reset,
                app.appId() + " register " + register);
    }

    @Test
    void shouldShowAnotherFlowsCodeWhenTheEnvelopeHasNone() {
        String code = http.post("/api/auth/email/start", "{\"email\":\"chat-only@example.com\"}").text("code");

        Http.Response answer = debug("chat-only@example.com");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode data = answer.json().get("data");
        assertThat(data.get("verification_code").isNull()).isTrue();
        assertThat(entries(data)).containsExactly("default login " + code);
    }

    @Test
    void shouldLeaveOutCodesThatWereUsedOrExpired() {
        String email = "used-and-expired@example.com";
        String verification = http.post("/auth/send-email-verification", "{\"email\":\"" + email + "\"}")
                .json().get("data").get("verification_code").asString();
        http.post("/api/auth/email/start", "{\"email\":\"" + email + "\"}");
        jdbc.sql("UPDATE verification_code SET expires_at = now() - interval '1 second' WHERE contact = :email AND purpose = 'login'")
                .param("email", email).update();
        assertThat(entries(debug(email).json().get("data"))).isEmpty();

        assertThat(http.post("/auth/verify-email", """
                {"email":"%s","verification_code":"%s"}
                """.formatted(email, verification)).status()).isEqualTo(200);

        Http.Response nothingLive = debug(email);
        assertThat(nothingLive.status()).isEqualTo(404);
        assertThat(nothingLive.json().get("success").asBoolean()).isFalse();
    }

    @Test
    void shouldRejectABadEmailInTheEnvelopesFormat() {
        Http.Response bad = debug("not-an-email");

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("success").asBoolean()).isFalse();
    }

    private static List<String> entries(JsonNode data) {
        List<String> entries = new ArrayList<>();
        for (JsonNode entry : data.get("other_live_codes")) {
            assertThat(entry.propertyNames()).containsExactly("app_id", "purpose", "verification_code", "expires_at", "created_at");
            entries.add(entry.get("app_id").asString() + " " + entry.get("purpose").asString() + " "
                    + entry.get("verification_code").asString());
        }
        return entries;
    }
}
