package io.passportsuite.admin.api.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
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

/** Apps and their API keys through the back office, and the audit row of each change. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "passport.internal.credential=" + AdminCalls.CREDENTIAL)
@RealInfrastructure
class AdminAppsIntegrationTest {

    private static final FakePassport passport = new FakePassport(AdminCalls.CREDENTIAL);

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
    void shouldCreateListAndReadAnAppAndAuditTheCreation() {
        AdminCalls.Answer created = calls.post("/admin/apps", """
                {"app_id":"game-one","name":"Game One","password_min_length":6}""", AdminCalls.asAdmin(admin));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("success").asBoolean()).isTrue();
        JsonNode app = created.json().get("data").get("app");
        assertThat(app.get("app_id").asString()).isEqualTo("game-one");
        assertThat(app.get("password_min_length").asInt()).isEqualTo(6);
        assertThat(app.get("access_token_ttl_seconds").asLong()).isEqualTo(900);
        // Only what the operator sent goes to passport, which owns the defaults.
        assertThat(passport.appBodies.getFirst().propertyNames()).containsExactlyInAnyOrder("app_id", "name", "password_min_length");

        AdminCalls.Answer listed = calls.get("/admin/apps?limit=10", AdminCalls.asAdmin(admin));
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("data").get("apps").valueStream().map(each -> each.get("app_id").asString()))
                .contains("default", "game-one");
        assertThat(listed.json().get("data").get("limit").asInt()).isEqualTo(10);
        assertThat(listed.json().get("data").get("total").asLong()).isGreaterThanOrEqualTo(2);
        AdminCalls.Answer one = calls.get("/admin/apps/game-one", AdminCalls.asAdmin(admin));
        assertThat(one.json().get("data").get("app")).isEqualTo(app);

        Map<String, Object> row = onlyRow();
        assertThat(row).containsEntry("app_id", "game-one").containsEntry("action", "app.create")
                .containsEntry("target_type", "app").containsEntry("target_id", "game-one")
                .containsEntry("actor_ip", AdminCalls.CLIENT_IP).containsEntry("before", null);
        assertThat((String) row.get("after")).contains("\"password_min_length\": 6", "\"name\": \"Game One\"");
    }

    @Test
    void shouldChangeSettingsAndAuditThemBeforeAndAfter() {
        calls.post("/admin/apps", "{\"app_id\":\"tuned\",\"name\":\"Tuned\"}", AdminCalls.asAdmin(UUID.randomUUID()));
        passport.reset();

        AdminCalls.Answer changed = calls.send("PATCH", "/admin/apps/tuned", """
                {"access_token_ttl_seconds":3600,"login_methods":["password"],"register_captcha_required":true}""",
                AdminCalls.asAdmin(admin));

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("message").asString()).isEqualTo("应用设置已更新");
        assertThat(changed.json().get("data").get("before").get("access_token_ttl_seconds").asLong()).isEqualTo(900);
        assertThat(changed.json().get("data").get("after").get("access_token_ttl_seconds").asLong()).isEqualTo(3600);
        assertThat(passport.requests).containsExactly("PATCH /internal/apps/tuned");
        assertThat(passport.appBodies.getFirst().propertyNames())
                .containsExactlyInAnyOrder("access_token_ttl_seconds", "login_methods", "register_captcha_required");
        Map<String, Object> row = onlyRow();
        assertThat(row).containsEntry("action", "app.update_settings").containsEntry("target_id", "tuned");
        assertThat((String) row.get("before")).contains("\"access_token_ttl_seconds\": 900", "\"register_captcha_required\": false");
        assertThat((String) row.get("after")).contains("\"access_token_ttl_seconds\": 3600", "\"register_captcha_required\": true");
    }

    @Test
    void shouldConfigureGithubLoginWithAWriteOnlySecretKeptOutOfTheTrail() {
        calls.post("/admin/apps", "{\"app_id\":\"hubbed\",\"name\":\"Hubbed\"}", AdminCalls.asAdmin(UUID.randomUUID()));
        passport.reset();

        AdminCalls.Answer changed = calls.send("PATCH", "/admin/apps/hubbed", """
                {"github":{"client_id":"Iv1.abc","client_secret":"s3cr3t-github-value","redirect_uris":["https://game.example.com/cb"],
                 "web_base_url":"https://github.example.com"}}""", AdminCalls.asAdmin(admin));

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("data").get("github").get("client_secret_set").asBoolean()).isTrue();
        assertThat(changed.json().get("data").get("github").get("client_id").asString()).isEqualTo("Iv1.abc");
        assertThat(changed.body()).doesNotContain("s3cr3t-github-value");
        assertThat(passport.appBodies.getFirst().get("github").get("client_secret").asString()).isEqualTo("s3cr3t-github-value");
        Map<String, Object> row = onlyRow();
        assertThat(row).containsEntry("action", "app.update_settings");
        assertThat((String) row.get("after")).contains("\"client_secret_set\": true", "Iv1.abc").doesNotContain("s3cr3t-github-value");

        for (String body : List.of("{\"github\":\"on\"}", "{\"github\":{\"secret\":\"x\"}}", "{\"github\":{\"redirect_uris\":\"https://x\"}}")) {
            AdminCalls.Answer refused = calls.send("PATCH", "/admin/apps/hubbed", body, AdminCalls.asAdmin(admin));
            assertThat(refused.status()).as(body + " " + refused.body()).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("ADMIN_OPERATION_FAILED");
        }
        // Passport refuses to point the stored secret at another OAuth app or host without the secret: the operator's 400.
        AdminCalls.Answer moved = calls.send("PATCH", "/admin/apps/hubbed", "{\"github\":{\"client_id\":\"Iv1.elsewhere\"}}",
                AdminCalls.asAdmin(admin));
        assertThat(moved.status()).as(moved.body()).isEqualTo(400);
        assertThat(moved.errorCode()).isEqualTo("ADMIN_OPERATION_FAILED");
        assertThat(moved.json().get("message").asString()).contains("github.client_secret");
        AdminCalls.Answer atCreation = calls.post("/admin/apps", "{\"app_id\":\"early\",\"name\":\"E\",\"github\":{}}", AdminCalls.asAdmin(admin));
        assertThat(atCreation.status()).isEqualTo(400);
        assertThat(passport.requests).containsExactly("PATCH /internal/apps/hubbed", "PATCH /internal/apps/hubbed");
    }

    @Test
    void shouldRefuseMalformedRequestsWithoutAskingPassport() {
        List<String> creations = List.of("{}", "{\"name\":\"x\"}", "{\"app_id\":\"Bad Id!\",\"name\":\"x\"}", "{\"app_id\":\"ok\"}",
                "{\"app_id\":\"ok\",\"name\":\"x\",\"acess_token_ttl_seconds\":60}",
                "{\"app_id\":\"ok\",\"name\":\"x\",\"access_token_ttl_seconds\":\"soon\"}",
                "{\"app_id\":\"ok\",\"name\":\"x\",\"access_token_ttl_seconds\":1.5}",
                "{\"app_id\":\"ok\",\"name\":\"x\",\"access_token_ttl_seconds\":99999999999}",
                "{\"app_id\":\"ok\",\"name\":\"x\",\"login_methods\":\"password\"}",
                "{\"app_id\":\"ok\",\"name\":\"x\",\"login_methods\":[1]}",
                "{\"app_id\":\"ok\",\"name\":\"x\",\"register_captcha_required\":\"yes\"}", "[]", "\"text\"");
        for (String body : creations) {
            AdminCalls.Answer refused = calls.post("/admin/apps", body, AdminCalls.asAdmin(admin));
            assertThat(refused.status()).as(body + " " + refused.body()).isEqualTo(400);
            assertThat(refused.errorCode()).as(body).isEqualTo("ADMIN_OPERATION_FAILED");
        }
        assertThat(calls.send("PATCH", "/admin/apps/default", "{}", AdminCalls.asAdmin(admin)).status()).isEqualTo(400);
        assertThat(calls.post("/admin/apps/default/api-keys", "{\"label\":\"x\",\"secret\":\"mine\"}", AdminCalls.asAdmin(admin))
                .status()).isEqualTo(400);
        assertThat(calls.get("/admin/apps?limit=0", AdminCalls.asAdmin(admin)).status()).isEqualTo(400);
        for (String path : List.of("/admin/apps/Bad-Case", "/admin/apps/%2E%2E", "/admin/apps/a%20b/api-keys")) {
            AdminCalls.Answer missing = calls.get(path, AdminCalls.asAdmin(admin));
            assertThat(missing.status()).as(path + " " + missing.body()).isIn(400, 404);
            assertThat(missing.json().get("success").asBoolean()).isFalse();
        }
        AdminCalls.Answer badKey = calls.send("DELETE", "/admin/apps/default/api-keys/not-a-uuid", null, AdminCalls.asAdmin(admin));
        assertThat(badKey.status()).isEqualTo(404);
        assertThat(badKey.errorCode()).isEqualTo("ADMIN_OPERATION_FAILED");
        assertThat(passport.requests).isEmpty();
        assertThat(rows()).isEmpty();
    }

    @Test
    void shouldPassOnPassportsRefusalsAndAuditNone() {
        AdminCalls.Answer taken = calls.post("/admin/apps", "{\"app_id\":\"default\",\"name\":\"Again\"}", AdminCalls.asAdmin(admin));
        AdminCalls.Answer tooShort = calls.send("PATCH", "/admin/apps/default", "{\"access_token_ttl_seconds\":30}",
                AdminCalls.asAdmin(admin));
        AdminCalls.Answer refreshShort = calls.send("PATCH", "/admin/apps/default", "{\"refresh_token_ttl_seconds\":600}",
                AdminCalls.asAdmin(admin));
        AdminCalls.Answer fax = calls.send("PATCH", "/admin/apps/default", "{\"login_methods\":[\"fax\"]}", AdminCalls.asAdmin(admin));
        AdminCalls.Answer githubOnly = calls.send("PATCH", "/admin/apps/default", "{\"login_methods\":[\"github\"]}",
                AdminCalls.asAdmin(admin));
        AdminCalls.Answer unknownRead = calls.get("/admin/apps/nope", AdminCalls.asAdmin(admin));
        AdminCalls.Answer unknownChange = calls.send("PATCH", "/admin/apps/nope", "{\"name\":\"x\"}", AdminCalls.asAdmin(admin));
        AdminCalls.Answer unknownKeys = calls.post("/admin/apps/nope/api-keys", "{\"label\":\"x\"}", AdminCalls.asAdmin(admin));

        assertThat(taken.status()).isEqualTo(409);
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().get("message").asString()).isEqualTo("access_token_ttl_seconds 须为 60-86400 秒");
        assertThat(refreshShort.status()).isEqualTo(400);
        assertThat(refreshShort.json().get("message").asString()).isEqualTo("refresh_token_ttl_seconds 不能小于 access_token_ttl_seconds");
        assertThat(fax.status()).isEqualTo(400);
        assertThat(fax.json().get("message").asString()).contains("login_methods");
        assertThat(githubOnly.status()).isEqualTo(400);
        assertThat(githubOnly.json().get("message").asString()).isEqualTo("平台应用的登录方式必须包含 password,管理员用它登录");
        for (AdminCalls.Answer unknown : List.of(unknownRead, unknownChange, unknownKeys)) {
            assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
            assertThat(unknown.json().get("message").asString()).isEqualTo("应用不存在");
        }
        for (AdminCalls.Answer answer : List.of(taken, tooShort, refreshShort, fax, unknownRead, unknownChange, unknownKeys)) {
            assertThat(answer.errorCode()).isEqualTo("ADMIN_OPERATION_FAILED");
        }
        assertThat(rows()).isEmpty();
    }

    @Test
    void shouldShowAKeysSecretOnceAndKeepItOutOfTheListAndTheTrail() {
        calls.post("/admin/apps", "{\"app_id\":\"keyed\",\"name\":\"Keyed\"}", AdminCalls.asAdmin(UUID.randomUUID()));

        AdminCalls.Answer issued = calls.post("/admin/apps/keyed/api-keys", "{\"label\":\"backend\"}", AdminCalls.asAdmin(admin));

        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        JsonNode key = issued.json().get("data");
        String secret = key.get("api_key").asString();
        String keyId = key.get("id").asString();
        assertThat(secret).startsWith(key.get("prefix").asString()).startsWith("psk_");
        assertThat(key.get("label").asString()).isEqualTo("backend");

        AdminCalls.Answer listed = calls.get("/admin/apps/keyed/api-keys", AdminCalls.asAdmin(admin));
        assertThat(listed.status()).isEqualTo(200);
        JsonNode listedKey = listed.json().get("data").get("api_keys").get(0);
        assertThat(listedKey.propertyNames()).containsExactlyInAnyOrder("id", "prefix", "label", "created_at", "revoked_at");
        assertThat(listed.body()).doesNotContain(secret);

        AdminCalls.Answer revoked = calls.send("DELETE", "/admin/apps/keyed/api-keys/" + keyId, null, AdminCalls.asAdmin(admin));
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().get("message").asString()).isEqualTo("API 密钥已吊销");
        AdminCalls.Answer again = calls.send("DELETE", "/admin/apps/keyed/api-keys/" + keyId, null, AdminCalls.asAdmin(admin));
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().get("message").asString()).isEqualTo("API 密钥不存在或已吊销");
        assertThat(calls.get("/admin/apps/keyed/api-keys", AdminCalls.asAdmin(admin)).json().get("data").get("api_keys").get(0)
                .get("revoked_at").isNull()).isFalse();

        List<Map<String, Object>> rows = rows();
        assertThat(rows).extracting(row -> row.get("action")).containsExactly("app.issue_api_key", "app.revoke_api_key");
        assertThat(rows).allSatisfy(row -> assertThat(row).containsEntry("target_type", "api_key").containsEntry("target_id", keyId)
                .containsEntry("app_id", "keyed"));
        assertThat((String) rows.get(0).get("after")).contains(key.get("prefix").asString(), "backend");
        assertThat((String) rows.get(1).get("before")).contains(key.get("prefix").asString(), "\"revoked\": false");
        assertThat(rows.toString()).doesNotContain(secret).doesNotContain(secret.substring(12));
    }

    @Test
    void shouldAnswer503WhenPassportRefusesTheSuitesCredentialAndAuditNothing() {
        passport.refuseCredential = true;

        List<AdminCalls.Answer> answers = List.of(
                calls.get("/admin/apps", AdminCalls.asAdmin(admin)),
                calls.post("/admin/apps", "{\"app_id\":\"down\",\"name\":\"Down\"}", AdminCalls.asAdmin(admin)),
                calls.get("/admin/apps/default", AdminCalls.asAdmin(admin)),
                calls.send("PATCH", "/admin/apps/default", "{\"name\":\"x\"}", AdminCalls.asAdmin(admin)),
                calls.post("/admin/apps/default/api-keys", "{\"label\":\"x\"}", AdminCalls.asAdmin(admin)),
                calls.get("/admin/apps/default/api-keys", AdminCalls.asAdmin(admin)),
                calls.send("DELETE", "/admin/apps/default/api-keys/" + UUID.randomUUID(), null, AdminCalls.asAdmin(admin)));

        for (AdminCalls.Answer answer : answers) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(503);
            assertThat(answer.errorCode()).isEqualTo("SERVICE_UNAVAILABLE");
        }
        assertThat(rows()).isEmpty();
    }

    private Map<String, Object> onlyRow() {
        List<Map<String, Object>> rows = rows();
        assertThat(rows).hasSize(1);
        return rows.getFirst();
    }

    private List<Map<String, Object>> rows() {
        return jdbc.sql("""
                SELECT app_id, action, target_type, target_id, actor_ip, before::text AS before, after::text AS after
                FROM admin_audit_log WHERE actor_user_id = :actor ORDER BY id""").param("actor", admin).query().listOfRows();
    }
}
