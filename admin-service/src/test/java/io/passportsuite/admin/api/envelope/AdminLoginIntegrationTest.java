package io.passportsuite.admin.api.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.passportsuite.admin.support.AdminCalls;
import io.passportsuite.admin.support.FakePassport;
import io.passportsuite.common.testing.RealInfrastructure;
import tools.jackson.databind.JsonNode;

/** {@code POST /admin/auth/login} against a passport that speaks its internal API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "passport.internal.credential=" + AdminCalls.CREDENTIAL,
        "spring.cloud.openfeign.client.config.passport-service.read-timeout=1000"})
@RealInfrastructure
class AdminLoginIntegrationTest {

    private static final FakePassport passport = new FakePassport(AdminCalls.CREDENTIAL);
    private static final String LOGIN = "/admin/auth/login";

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    private AdminCalls calls;

    @DynamicPropertySource
    static void passportUrl(DynamicPropertyRegistry registry) {
        registry.add("passport.service.url", passport::url);
    }

    @AfterAll
    static void stopPassport() {
        passport.close();
    }

    @BeforeEach
    void setUp() {
        calls = new AdminCalls(port);
        passport.reset();
    }

    @Test
    void shouldLogAnAdministratorInWithExactlyTheReferenceFieldsAndAuditIt() {
        AdminCalls.Answer answer = calls.post(LOGIN, """
                {"identifier":"root","password":"Root12345"}""", AdminCalls.anonymous());

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("message").asString()).isEqualTo("管理员登录成功");
        JsonNode data = body.get("data");
        assertThat(data.propertyNames()).containsExactlyInAnyOrder("admin", "access_token", "expires_at");
        assertThat(data.get("admin").propertyNames()).containsExactlyInAnyOrder("id", "username", "nickname", "role");
        assertThat(data.get("admin").get("id").asString()).isEqualTo(FakePassport.ADMIN_ID.toString());
        assertThat(data.get("admin").get("role").asInt()).isEqualTo(9);
        assertThat(data.get("access_token").asString()).isEqualTo("eyJ.fake.access");
        assertThat(data.get("expires_at").asLong()).isEqualTo(1_766_102_400_000L);
        assertThat(answer.body()).doesNotContain("fake-refresh-secret");

        JsonNode sent = passport.loginBodies.getLast();
        assertThat(sent.get("clientIp").asString()).isEqualTo(AdminCalls.CLIENT_IP);
        assertThat(sent.get("identifier").asString()).isEqualTo("root");

        var row = jdbc.sql("SELECT actor_user_id::text AS actor, actor_ip, target_type, target_id, request_id, after::text AS after"
                + " FROM admin_audit_log WHERE action = 'admin.login' ORDER BY id DESC LIMIT 1").query().singleRow();
        assertThat(row.get("actor")).isEqualTo(FakePassport.ADMIN_ID.toString());
        assertThat(row.get("actor_ip")).isEqualTo(AdminCalls.CLIENT_IP);
        assertThat(row.get("target_type")).isEqualTo("admin");
        assertThat(row.get("request_id")).isEqualTo("req-login");
        assertThat((String) row.get("after")).doesNotContain("Root12345").doesNotContain("eyJ");
    }

    @Test
    void shouldAnswerEveryFailedLoginWithOne401AndAuditNothing() {
        long before = loginRows();

        AdminCalls.Answer wrong = calls.post(LOGIN, """
                {"identifier":"root","password":"wrong-password1"}""", AdminCalls.anonymous());
        AdminCalls.Answer unknown = calls.post(LOGIN, """
                {"identifier":"nobody","password":"Root12345"}""", AdminCalls.anonymous());

        for (AdminCalls.Answer answer : List.of(wrong, unknown)) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.json().get("success").asBoolean()).isFalse();
            assertThat(answer.errorCode()).isEqualTo("ADMIN_LOGIN_FAILED");
            assertThat(answer.json().get("message").asString()).isEqualTo("管理员用户名或密码错误");
        }
        assertThat(loginRows()).isEqualTo(before);
    }

    @Test
    void shouldPassPassportsRateLimitOnWithItsRetryAfter() {
        passport.retryAfterSeconds = 42;

        AdminCalls.Answer answer = calls.post(LOGIN, """
                {"identifier":"root","password":"Root12345"}""", AdminCalls.anonymous());

        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.errorCode()).isEqualTo("RATE_LIMITED");
        assertThat(answer.retryAfter()).isEqualTo("42");
    }

    @Test
    void shouldRefuseMissingOrBlankFieldsWithoutAskingPassport() {
        for (String body : List.of("{}", "{\"identifier\":\"root\"}", "{\"identifier\":\"  \",\"password\":\"x\"}",
                "{\"identifier\":\"root\",\"password\":\"\"}", "{\"identifier\":1,\"password\":\"x\"}", "[]", "\"text\"")) {
            AdminCalls.Answer answer = calls.post(LOGIN, body, AdminCalls.anonymous());
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.errorCode()).as(body).isEqualTo("ADMIN_LOGIN_FAILED");
        }
        AdminCalls.Answer malformed = calls.post(LOGIN, "{not json", AdminCalls.anonymous());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("success").asBoolean()).isFalse();
        assertThat(malformed.errorCode()).isEqualTo("ADMIN_LOGIN_FAILED");
        assertThat(passport.loginBodies).isEmpty();
    }

    @Test
    void shouldAnswer503NeverA401WhenPassportRefusesTheSuitesCredential() {
        passport.refuseCredential = true;

        AdminCalls.Answer answer = calls.post(LOGIN, """
                {"identifier":"root","password":"Root12345"}""", AdminCalls.anonymous());

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.errorCode()).isEqualTo("SERVICE_UNAVAILABLE");
    }

    @Test
    void shouldAnswer503WhenPassportDoesNotAnswerWithinTheReadTimeout() {
        passport.delay = Duration.ofSeconds(4);

        AdminCalls.Answer answer = calls.post(LOGIN, """
                {"identifier":"root","password":"Root12345"}""", AdminCalls.anonymous());

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.errorCode()).isEqualTo("SERVICE_UNAVAILABLE");
    }

    private long loginRows() {
        return jdbc.sql("SELECT count(*) FROM admin_audit_log WHERE action = 'admin.login'").query(Long.class).single();
    }
}
