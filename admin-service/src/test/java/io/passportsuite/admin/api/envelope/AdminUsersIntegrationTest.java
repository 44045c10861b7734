package io.passportsuite.admin.api.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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

/** The platform app's users through the back office, and the audit row of a password reset. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "passport.internal.credential=" + AdminCalls.CREDENTIAL)
@RealInfrastructure
class AdminUsersIntegrationTest {

    private static final FakePassport passport = new FakePassport(AdminCalls.CREDENTIAL);
    private static final JsonMapper json = new JsonMapper();
    private static UUID alice;
    private static UUID bob;

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

    @BeforeAll
    static void users() {
        alice = passport.addUser("alice");
        bob = passport.addUser("bob");
        passport.addUser("carol");
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
    void shouldListUsersWithTheReferenceFieldsAndDefaultPaging() {
        AdminCalls.Answer answer = calls.get("/admin/users", AdminCalls.asAdmin(admin));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("message").asString()).isEqualTo("用户列表获取成功");
        JsonNode data = answer.json().get("data");
        assertThat(data.get("limit").asInt()).isEqualTo(100);
        assertThat(data.get("offset").asLong()).isZero();
        assertThat(data.get("users")).hasSize(3);
        assertThat(data.get("users").get(0).propertyNames()).containsExactlyInAnyOrder("id", "username", "nickname", "email",
                "email_verified", "phone", "avatar_url", "role", "created_at", "updated_at");
        assertThat(passport.requests).containsExactly("GET /internal/apps/default/users?limit=100&offset=0");
    }

    @Test
    void shouldPassPagingOn() {
        AdminCalls.Answer answer = calls.get("/admin/users?limit=1&offset=1", AdminCalls.asAdmin(admin));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("data").get("users")).hasSize(1);
        assertThat(answer.json().get("data").get("users").get(0).get("username").asString()).isEqualTo("bob");
        assertThat(answer.json().get("data").get("offset").asLong()).isEqualTo(1);
    }

    @Test
    void shouldRefuseBadPagingWithoutAskingPassport() {
        for (String query : List.of("limit=0", "limit=1001", "limit=abc", "offset=-1", "offset=x", "limit=")) {
            AdminCalls.Answer answer = calls.get("/admin/users?" + query, AdminCalls.asAdmin(admin));
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.errorCode()).as(query).isEqualTo("ADMIN_USERS_FAILED");
        }
        assertThat(passport.requests).isEmpty();
    }

    @Test
    void shouldShowOneUserAnd404AnUnknownOne() {
        AdminCalls.Answer found = calls.get("/admin/users/" + alice, AdminCalls.asAdmin(admin));
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().get("data").get("user").get("username").asString()).isEqualTo("alice");
        assertThat(found.json().get("message").asString()).isEqualTo("用户信息获取成功");

        for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid", "1")) {
            AdminCalls.Answer missing = calls.get("/admin/users/" + id, AdminCalls.asAdmin(admin));
            assertThat(missing.status()).as(id).isEqualTo(404);
            assertThat(missing.errorCode()).as(id).isEqualTo("ADMIN_USERS_FAILED");
            assertThat(missing.json().get("message").asString()).isEqualTo("用户不存在");
        }
    }

    @Test
    void shouldResetAPasswordAndAuditWhoDidItFromWhereWithoutThePassword() {
        AdminCalls.Answer answer = calls.post("/admin/users/" + bob + "/reset-password", """
                {"new_password":"NewPass1234"}""", AdminCalls.asAdmin(admin));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("success").asBoolean()).isTrue();
        assertThat(answer.json().get("message").asString()).isEqualTo("密码重置成功");
        assertThat(passport.resets).containsEntry(bob, "NewPass1234");

        List<Map<String, Object>> rows = jdbc.sql("""
                SELECT app_id, action, target_type, target_id, actor_ip, request_id, before::text AS before, after::text AS after
                FROM admin_audit_log WHERE actor_user_id = :actor""").param("actor", admin).query().listOfRows();
        assertThat(rows).hasSize(1);
        Map<String, Object> row = rows.getFirst();
        assertThat(row).containsEntry("app_id", "default").containsEntry("action", "user.reset_password")
                .containsEntry("target_type", "user").containsEntry("target_id", bob.toString())
                .containsEntry("actor_ip", AdminCalls.CLIENT_IP).containsEntry("request_id", "req-" + admin);
        assertThat(row.toString()).doesNotContain("NewPass1234");
    }

    @Test
    void shouldWriteNoAuditRowWhenPassportRefusesTheReset() {
        AdminCalls.Answer tooShort = calls.post("/admin/users/" + alice + "/reset-password", """
                {"new_password":"short1"}""", AdminCalls.asAdmin(admin));
        AdminCalls.Answer unknown = calls.post("/admin/users/" + UUID.randomUUID() + "/reset-password", """
                {"new_password":"NewPass1234"}""", AdminCalls.asAdmin(admin));
        AdminCalls.Answer missing = calls.post("/admin/users/" + alice + "/reset-password", "{}", AdminCalls.asAdmin(admin));

        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.errorCode()).isEqualTo("ADMIN_OPERATION_FAILED");
        assertThat(tooShort.json().get("message").asString()).isEqualTo("密码长度必须为 8-128 个字符");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("ADMIN_OPERATION_FAILED");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorCode()).isEqualTo("ADMIN_OPERATION_FAILED");
        assertThat(passport.resets).doesNotContainKey(alice);
        assertThat(jdbc.sql("SELECT count(*) FROM admin_audit_log WHERE actor_user_id = :actor").param("actor", admin)
                .query(Long.class).single()).isZero();
    }

    @Test
    void shouldRefuseAMalformedResetBodyOrAnotherMediaTypeWithTheEndpointsCode() throws Exception {
        AdminCalls.Answer malformed = calls.post("/admin/users/" + alice + "/reset-password", "{\"new_password\":",
                AdminCalls.asAdmin(admin));

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("success").asBoolean()).isFalse();
        assertThat(malformed.errorCode()).isEqualTo("ADMIN_OPERATION_FAILED");

        String[] headers = AdminCalls.asAdmin(admin);
        HttpRequest.Builder text = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin/users/" + alice
                + "/reset-password")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("new_password=NewPass1234"));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            text.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> plain;
        try (HttpClient http = HttpClient.newHttpClient()) {
            plain = http.send(text.build(), HttpResponse.BodyHandlers.ofString());
        }

        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(json.readTree(plain.body()).get("error_code").asString()).isEqualTo("ADMIN_OPERATION_FAILED");
        assertThat(passport.resets).doesNotContainKey(alice);
    }

    @Test
    void shouldAnswer503WhenPassportRefusesTheSuitesCredentialAndAuditNothing() {
        passport.refuseCredential = true;

        AdminCalls.Answer list = calls.get("/admin/users", AdminCalls.asAdmin(admin));
        AdminCalls.Answer reset = calls.post("/admin/users/" + bob + "/reset-password", """
                {"new_password":"NewPass1234"}""", AdminCalls.asAdmin(admin));

        assertThat(list.status()).isEqualTo(503);
        assertThat(list.errorCode()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(reset.status()).isEqualTo(503);
        assertThat(jdbc.sql("SELECT count(*) FROM admin_audit_log WHERE actor_user_id = :actor").param("actor", admin)
                .query(Long.class).single()).isZero();
    }
}
