package io.passportsuite.admin.passport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

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
import tools.jackson.databind.json.JsonMapper;

/**
 * Passport took a change and did not answer in time: it may have done it, so the back office
 * answers 503 and keeps the change in the trail, marked as of unknown outcome.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "passport.internal.credential=" + AdminCalls.CREDENTIAL,
        "spring.cloud.openfeign.client.config.passport-service.read-timeout=500"})
@RealInfrastructure
class PassportTimeoutIntegrationTest {

    private static final FakePassport passport = new FakePassport(AdminCalls.CREDENTIAL);
    private static final JsonMapper json = new JsonMapper();

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    private AdminCalls calls;
    private final UUID admin = UUID.randomUUID();

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
    void shouldAuditAPasswordResetWhoseOutcomeIsUnknown() {
        UUID user = passport.addUser("slow-reset");
        passport.delay = Duration.ofSeconds(2);

        AdminCalls.Answer answer = calls.post("/admin/users/" + user + "/reset-password",
                "{\"new_password\":\"NewPass1234\"}", AdminCalls.asAdmin(admin));

        assertUnavailable(answer);
        JsonNode after = afterOf("user.reset_password", user.toString());
        assertThat(after.get("outcome").asString()).isEqualTo("unknown");
        assertThat(after.toString()).doesNotContain("NewPass1234");
    }

    @Test
    void shouldAuditDisableEnableAndSessionEndWhoseOutcomeIsUnknown() {
        UUID user = passport.addUser("slow-disable");
        passport.delay = Duration.ofSeconds(2);

        assertUnavailable(calls.post("/admin/users/" + user + "/disable", null, AdminCalls.asAdmin(admin)));
        assertUnavailable(calls.post("/admin/users/" + user + "/enable", null, AdminCalls.asAdmin(admin)));
        assertUnavailable(calls.send("DELETE", "/admin/users/" + user + "/sessions/" + UUID.randomUUID(), null,
                AdminCalls.asAdmin(admin)));

        assertThat(afterOf("user.disable", user.toString()).get("outcome").asString()).isEqualTo("unknown");
        assertThat(afterOf("user.enable", user.toString()).get("outcome").asString()).isEqualTo("unknown");
        assertThat(afterOf("user.session_end", user.toString()).get("outcome").asString()).isEqualTo("unknown");
    }

    @Test
    void shouldAuditAnEditAndAPromotionWhoseOutcomeIsUnknownWithWhatWasAsked() {
        UUID user = passport.addUser("slow-edit");
        passport.delay = Duration.ofSeconds(2);

        assertUnavailable(calls.send("PATCH", "/admin/users/" + user, "{\"nickname\":\"Slow\"}", AdminCalls.asAdmin(admin)));
        assertUnavailable(calls.post("/admin/admins", "{\"user_id\":\"" + user + "\"}", AdminCalls.asAdmin(admin)));

        JsonNode edit = afterOf("user.update", user.toString());
        assertThat(edit.get("outcome").asString()).isEqualTo("unknown");
        assertThat(edit.get("nickname").asString()).isEqualTo("Slow");
        JsonNode promotion = afterOf("admin.promote", user.toString());
        assertThat(promotion.get("outcome").asString()).isEqualTo("unknown");
        assertThat(promotion.get("role").asInt()).isEqualTo(9);
    }

    @Test
    void shouldAuditAppChangesWhoseOutcomeIsUnknown() {
        passport.delay = Duration.ofSeconds(2);

        assertUnavailable(calls.post("/admin/apps", "{\"app_id\":\"slow-app\",\"name\":\"Slow\"}", AdminCalls.asAdmin(admin)));
        assertUnavailable(calls.send("PATCH", "/admin/apps/default", "{\"name\":\"Renamed slowly\"}", AdminCalls.asAdmin(admin)));
        assertUnavailable(calls.post("/admin/apps/default/api-keys", "{\"label\":\"slow key\"}", AdminCalls.asAdmin(admin)));

        assertThat(afterOf("app.create", "slow-app").get("outcome").asString()).isEqualTo("unknown");
        JsonNode settings = afterOf("app.update_settings", "default");
        assertThat(settings.get("outcome").asString()).isEqualTo("unknown");
        assertThat(settings.get("name").asString()).isEqualTo("Renamed slowly");
        JsonNode key = afterOf("app.issue_api_key", "default");
        assertThat(key.get("outcome").asString()).isEqualTo("unknown");
        assertThat(key.get("label").asString()).isEqualTo("slow key");
    }

    @Test
    void shouldAuditNothingWhenPassportRefusesTheChange() {
        UUID unknown = UUID.randomUUID();

        AdminCalls.Answer answer = calls.post("/admin/users/" + unknown + "/disable", null, AdminCalls.asAdmin(admin));

        assertThat(answer.status()).as(answer.body()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM admin_audit_log WHERE target_id = :target")
                .param("target", unknown.toString()).query(Long.class).single()).isZero();
    }

    private static void assertUnavailable(AdminCalls.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.errorCode()).isEqualTo("SERVICE_UNAVAILABLE");
    }

    private JsonNode afterOf(String action, String target) {
        String after = jdbc.sql("SELECT after::text FROM admin_audit_log WHERE action = :action AND target_id = :target"
                        + " ORDER BY id DESC LIMIT 1")
                .param("action", action).param("target", target).query(String.class).optional()
                .orElseThrow(() -> new AssertionError("no " + action + " row for " + target));
        return json.readTree(after);
    }
}
