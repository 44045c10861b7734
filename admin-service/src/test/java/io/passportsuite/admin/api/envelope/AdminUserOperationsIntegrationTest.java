package io.passportsuite.admin.api.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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
import tools.jackson.databind.json.JsonMapper;

/** Searching users, editing, disabling and enabling them, and ending their sessions: each change audited once done, never when refused. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "passport.internal.credential=" + AdminCalls.CREDENTIAL)
@RealInfrastructure
class AdminUserOperationsIntegrationTest {

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
    void shouldPassSearchAndFiltersToPassportAndPageOnWithNext() {
        passport.addUser("srch-anna");
        passport.addUser("srch-anton");
        passport.addUser("srch-beth");

        AdminCalls.Answer first = calls.get("/admin/users?limit=1&q=srch-an&role=1&disabled=false&verified=false",
                AdminCalls.asAdmin(admin));

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        JsonNode data = first.json().get("data");
        assertThat(data.get("users")).hasSize(1);
        assertThat(data.get("users").get(0).get("username").asString()).isEqualTo("srch-anna");
        assertThat(data.get("total").asLong()).isEqualTo(2);
        assertThat(passport.requests).containsExactly(
                "GET /internal/apps/default/users?limit=1&offset=0&q=srch-an&role=1&disabled=false&verified=false");

        AdminCalls.Answer second = calls.get("/admin/users?limit=1&q=srch-an&after=" + data.get("next").asString(),
                AdminCalls.asAdmin(admin));

        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.json().get("data").get("users").get(0).get("username").asString()).isEqualTo("srch-anton");
        assertThat(second.json().get("data").has("next")).as("no page after the last").isFalse();
        assertThat(passport.requests.getLast()).isEqualTo("GET /internal/apps/default/users?limit=1&after=c1&q=srch-an");
    }

    @Test
    void shouldRefuseBadFiltersWithoutAskingPassport() {
        for (String query : List.of("role=2", "role=admin", "disabled=yes", "verified=1", "disabled=", "q=" + "x".repeat(101),
                "after=c1&offset=0", "q=a%00b")) {
            AdminCalls.Answer answer = calls.get("/admin/users?" + query, AdminCalls.asAdmin(admin));
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.errorCode()).as(query).isEqualTo("ADMIN_USERS_FAILED");
        }
        assertThat(passport.requests).isEmpty();
    }

    @Test
    void shouldPassABadCursorsRefusalOnAs400() {
        AdminCalls.Answer answer = calls.get("/admin/users?after=bogus", AdminCalls.asAdmin(admin));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("ADMIN_USERS_FAILED");
        assertThat(answer.json().get("message").asString()).isEqualTo("after 必须是上一页返回的 next");
    }

    @Test
    void shouldEditAUserAnswerTheAfterStateAndAuditTheChangedFieldsBeforeAndAfter() {
        UUID user = passport.addUser("edit-dora");

        AdminCalls.Answer answer = calls.send("PATCH", "/admin/users/" + user, """
                {"nickname":"Dora","email":"dora@example.org","avatar_url":null}""", AdminCalls.asAdmin(admin));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode after = answer.json().get("data").get("user");
        assertThat(after.get("nickname").asString()).isEqualTo("Dora");
        assertThat(after.get("email").asString()).isEqualTo("dora@example.org");
        assertThat(after.get("username").asString()).isEqualTo("edit-dora");
        Map<String, Object> row = onlyRow();
        assertThat(row).containsEntry("action", "user.update").containsEntry("target_id", user.toString());
        JsonNode before = json.readTree((String) row.get("before"));
        JsonNode recorded = json.readTree((String) row.get("after"));
        assertThat(before.get("nickname").asString()).isEqualTo("小edit-dora");
        assertThat(before.get("email").asString()).isEqualTo("edit-dora@example.com");
        assertThat(recorded.get("nickname").asString()).isEqualTo("Dora");
        assertThat(recorded.get("email").asString()).isEqualTo("dora@example.org");
        assertThat(recorded.has("username")).as("unchanged fields are not recorded").isFalse();
    }

    @Test
    void shouldRefuseEditsPassportOrTheBackOfficeRefusesAndAuditNone() {
        UUID user = passport.addUser("edit-erin");
        passport.addUser("edit-taken");

        AdminCalls.Answer taken = calls.send("PATCH", "/admin/users/" + user, "{\"username\":\"edit-taken\"}", AdminCalls.asAdmin(admin));
        AdminCalls.Answer unknown = calls.send("PATCH", "/admin/users/" + UUID.randomUUID(), "{\"nickname\":\"x\"}",
                AdminCalls.asAdmin(admin));
        AdminCalls.Answer notUuid = calls.send("PATCH", "/admin/users/42", "{\"nickname\":\"x\"}", AdminCalls.asAdmin(admin));

        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.errorCode()).isEqualTo("ADMIN_OPERATION_FAILED");
        assertThat(taken.json().get("message").asString()).isEqualTo("用户名已存在");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("ADMIN_OPERATION_FAILED");
        assertThat(notUuid.status()).isEqualTo(404);
        int asked = passport.requests.size();
        for (String body : List.of("{}", "[]", "\"x\"", "{\"password\":\"x\"}", "{\"role\":5}", "{\"role\":\"9\"}",
                "{\"nickname\":null}", "{\"username\":\" \"}", "{\"email\":3}")) {
            AdminCalls.Answer bad = calls.send("PATCH", "/admin/users/" + user, body, AdminCalls.asAdmin(admin));
            assertThat(bad.status()).as(body).isEqualTo(400);
            assertThat(bad.errorCode()).as(body).isEqualTo("ADMIN_OPERATION_FAILED");
        }
        assertThat(passport.requests).hasSize(asked);
        assertThat(passport.user(user).get("username").asString()).isEqualTo("edit-erin");
        assertThat(auditRows()).isEmpty();
    }

    @Test
    void shouldDisableThenEnableAUserEndingTheirSessionsAndAuditBoth() {
        UUID user = passport.addUser("dis-fay");
        passport.addSession(user);

        AdminCalls.Answer disable = calls.post("/admin/users/" + user + "/disable", null, AdminCalls.asAdmin(admin));

        assertThat(disable.status()).as(disable.body()).isEqualTo(200);
        assertThat(disable.json().get("success").asBoolean()).isTrue();
        assertThat(passport.disabled).contains(user);
        assertThat(passport.sessions.get(user)).isNull();
        AdminCalls.Answer enable = calls.post("/admin/users/" + user + "/enable", null, AdminCalls.asAdmin(admin));
        assertThat(enable.status()).as(enable.body()).isEqualTo(200);
        assertThat(passport.disabled).doesNotContain(user);
        assertThat(auditRows()).extracting(row -> row.get("action"), row -> row.get("target_id"), row -> row.get("after"))
                .containsExactly(
                        tuple("user.disable", user.toString(), "{\"disabled\": true, \"sessions\": \"revoked\"}"),
                        tuple("user.enable", user.toString(), "{\"disabled\": false}"));
    }

    @Test
    void shouldRefuseToDisableOrEnableAnUnknownUserAndAuditNothing() {
        for (String path : List.of("/disable", "/enable")) {
            AdminCalls.Answer answer = calls.post("/admin/users/" + UUID.randomUUID() + path, null, AdminCalls.asAdmin(admin));
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.errorCode()).as(path).isEqualTo("ADMIN_OPERATION_FAILED");
            assertThat(answer.json().get("message").asString()).isEqualTo("用户不存在");
        }
        assertThat(auditRows()).isEmpty();
    }

    @Test
    void shouldListAUsersSessionsAndEndOneAuditingIt() {
        UUID user = passport.addUser("ses-gus");
        UUID kept = passport.addSession(user);
        UUID ended = passport.addSession(user);

        AdminCalls.Answer list = calls.get("/admin/users/" + user + "/sessions", AdminCalls.asAdmin(admin));

        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json().get("data").get("total").asLong()).isEqualTo(2);
        assertThat(list.json().get("data").get("sessions").get(0).propertyNames()).containsExactlyInAnyOrder("id", "login_method",
                "created_at", "last_used_at", "expires_at", "client_ip", "user_agent");
        assertThat(auditRows()).as("reading is not audited").isEmpty();

        AdminCalls.Answer end = calls.send("DELETE", "/admin/users/" + user + "/sessions/" + ended, null, AdminCalls.asAdmin(admin));

        assertThat(end.status()).as(end.body()).isEqualTo(200);
        assertThat(passport.sessions.get(user)).containsExactly(kept);
        Map<String, Object> row = onlyRow();
        assertThat(row).containsEntry("action", "user.session_end").containsEntry("target_id", user.toString());
        assertThat((String) row.get("after")).contains(ended.toString()).contains("ended");
    }

    @Test
    void shouldRefuseToEndAnotherUsersOrAnUnknownSessionAndAuditNothing() {
        UUID user = passport.addUser("ses-hal");
        UUID someoneElses = passport.addSession(passport.addUser("ses-ivy"));

        AdminCalls.Answer other = calls.send("DELETE", "/admin/users/" + user + "/sessions/" + someoneElses, null,
                AdminCalls.asAdmin(admin));
        AdminCalls.Answer notUuid = calls.send("DELETE", "/admin/users/" + user + "/sessions/abc", null, AdminCalls.asAdmin(admin));
        AdminCalls.Answer unknownUser = calls.get("/admin/users/" + UUID.randomUUID() + "/sessions", AdminCalls.asAdmin(admin));

        assertThat(other.status()).isEqualTo(404);
        assertThat(other.errorCode()).isEqualTo("ADMIN_OPERATION_FAILED");
        assertThat(other.json().get("message").asString()).isEqualTo("会话不存在");
        assertThat(notUuid.status()).isEqualTo(404);
        assertThat(unknownUser.status()).isEqualTo(404);
        assertThat(unknownUser.errorCode()).isEqualTo("ADMIN_USERS_FAILED");
        assertThat(auditRows()).isEmpty();
    }

    @Test
    void shouldAnswer503AndAuditNothingWhenPassportRefusesTheSuitesCredential() {
        UUID user = passport.addUser("down-jo");
        passport.refuseCredential = true;

        List<AdminCalls.Answer> answers = List.of(
                calls.send("PATCH", "/admin/users/" + user, "{\"nickname\":\"Jo\"}", AdminCalls.asAdmin(admin)),
                calls.post("/admin/users/" + user + "/disable", null, AdminCalls.asAdmin(admin)),
                calls.send("DELETE", "/admin/users/" + user + "/sessions/" + UUID.randomUUID(), null, AdminCalls.asAdmin(admin)),
                calls.get("/admin/users?q=down", AdminCalls.asAdmin(admin)));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body()).isEqualTo(503);
            assertThat(answer.errorCode()).isEqualTo("SERVICE_UNAVAILABLE");
        });
        assertThat(auditRows()).isEmpty();
    }

    private Map<String, Object> onlyRow() {
        List<Map<String, Object>> rows = auditRows();
        assertThat(rows).hasSize(1);
        return rows.getFirst();
    }

    private List<Map<String, Object>> auditRows() {
        return jdbc.sql("""
                SELECT action, target_type, target_id, before::text AS before, after::text AS after
                FROM admin_audit_log WHERE actor_user_id = :actor ORDER BY id""").param("actor", admin).query().listOfRows();
    }
}
