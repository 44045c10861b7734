package io.passportsuite.passport.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.convention.TestBean;

import io.passportsuite.common.events.Topics;
import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.common.testing.TestClock;
import io.passportsuite.passport.api.Apps;
import io.passportsuite.passport.api.Http;
import io.passportsuite.passport.app.AppAdministration;
import io.passportsuite.passport.app.PasswordPolicy;
import tools.jackson.databind.JsonNode;

/**
 * Password-reset codes answer and throttle a contact no account has exactly as one that has an
 * account, so neither the answer nor the cooldown's 429 tells who is registered. The clock stands
 * still, so the seconds in a 429 are the same for both.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class ResetThrottleTest {

    private static final TestClock CLOCK = new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @TestBean(methodName = "testClock")
    private Clock clock;

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private AppAdministration administration;

    private Http http;

    static Clock testClock() {
        return CLOCK;
    }

    @BeforeEach
    void setUp() {
        http = new Http(port);
        // Past every earlier test's cooldown, still within the tokens' lifetime.
        CLOCK.advance(Duration.ofMinutes(2));
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private String registerEnvelopeAccount() {
        String email = unique("known");
        Http.Response sent = http.post("/auth/send-email-verification", "{\"email\":\"" + email + "\"}");
        String code = sent.json().get("data").get("verification_code").asString();
        Http.Response registered = http.post("/auth/register", """
                {"username":"%s","password":"password123","nickname":"n","email":"%s","email_verification_code":"%s"}
                """.formatted("u" + UUID.randomUUID().toString().substring(0, 8), email, code));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return email;
    }

    private Http.Response forgot(String email) {
        return http.post("/auth/forgot-password", "{\"identifier\":\"" + email + "\"}");
    }

    private long notificationsTo(String destination) {
        return jdbc.sql("SELECT count(*) FROM outbox_event WHERE topic = :topic AND event_key = :key")
                .param("topic", Topics.NOTIFICATION_REQUESTS).param("key", destination).query(Long.class).single();
    }

    @Test
    void shouldAnswerAndThrottleForgotPasswordForAnUnknownEmailExactlyAsForAKnownOne() {
        String known = registerEnvelopeAccount();
        String unknown = unique("nobody");

        Http.Response knownFirst = forgot(known);
        Http.Response unknownFirst = forgot(unknown);
        Http.Response knownSecond = forgot(known);
        Http.Response unknownSecond = forgot(unknown);

        assertThat(unknownFirst.status()).isEqualTo(knownFirst.status()).isEqualTo(206);
        assertSameShape(unknownFirst.json(), knownFirst.json());
        assertThat(unknownSecond.status()).isEqualTo(knownSecond.status()).isEqualTo(429);
        assertThat(unknownSecond.body()).isEqualTo(knownSecond.body());
        assertThat(unknownSecond.headers().get("retry-after")).isEqualTo(knownSecond.headers().get("retry-after")).isNotNull();
        // Nothing is sent to a contact without an account, and its code is no code.
        assertThat(notificationsTo(known)).isEqualTo(2);
        assertThat(notificationsTo(unknown)).isZero();
        assertThat(http.post("/auth/reset-password", """
                {"identifier":"%s","verification_code":"%s","new_password":"newpassword1"}
                """.formatted(unknown, unknownFirst.json().get("data").get("verification_code").asString())).status())
                .isEqualTo(400);
    }

    @Test
    void shouldLetTheCooldownOfAnUnknownEmailPassAsForAKnownOne() {
        String unknown = unique("nobody");
        forgot(unknown);
        assertThat(forgot(unknown).status()).isEqualTo(429);

        CLOCK.advance(Duration.ofSeconds(61));

        assertThat(forgot(unknown).status()).isEqualTo(206);
    }

    @Test
    void shouldAnswerAndThrottleAResetCaptchaForAnUnknownContactExactlyAsForAKnownOne() {
        Apps.TestApp app = Apps.create(administration, new PasswordPolicy(6, 100, false));
        String known = unique("known");
        Http.Response registered = http.post("/auth/v1/register", """
                {"nickname":"n","password":"secret12","contact_type":"email","contact":"%s","app_id":"%s"}
                """.formatted(known, app.appId()), "Authorization", app.authorization());
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String unknown = unique("nobody");

        Http.Response knownFirst = captcha(app, known);
        Http.Response unknownFirst = captcha(app, unknown);
        Http.Response knownSecond = captcha(app, known);
        Http.Response unknownSecond = captcha(app, unknown);

        assertThat(unknownFirst.status()).isEqualTo(knownFirst.status()).isEqualTo(200);
        assertThat(unknownFirst.body()).isEqualTo(knownFirst.body());
        assertThat(unknownSecond.status()).isEqualTo(knownSecond.status()).isEqualTo(429);
        assertThat(unknownSecond.body()).isEqualTo(knownSecond.body());
        assertThat(notificationsTo(unknown)).isZero();
        assertThat(notificationsTo(known)).isEqualTo(1);
    }

    private Http.Response captcha(Apps.TestApp app, String email) {
        return http.post("/auth/v1/captcha", """
                {"contact_type":"email","contact":"%s","scene":"captcha_reset_password","app_id":"%s"}
                """.formatted(email, app.appId()), "Authorization", app.authorization());
    }

    /** The same fields with the same values, but for the code itself, which is drawn afresh each time. */
    private static void assertSameShape(JsonNode actual, JsonNode expected) {
        assertThat(actual.propertyNames()).containsExactlyElementsOf(expected.propertyNames());
        assertThat(actual.get("success")).isEqualTo(expected.get("success"));
        assertThat(actual.get("message")).isEqualTo(expected.get("message"));
        assertThat(actual.get("error_code")).isEqualTo(expected.get("error_code"));
        assertThat(actual.get("data").propertyNames()).containsExactlyInAnyOrderElementsOf(expected.get("data").propertyNames());
        assertThat(actual.get("data").get("is_test_mode")).isEqualTo(expected.get("data").get("is_test_mode"));
        assertThat(actual.get("data").get("verification_code").asString()).matches("\\d{6}");
    }
}
