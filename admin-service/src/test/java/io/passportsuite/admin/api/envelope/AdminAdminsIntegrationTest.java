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

/**
 * The platform's administrators: listed through passport's role filter, promoted from existing
 * users, demoted by another administrator but never by themselves nor when they are the last one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "passport.internal.credential=" + AdminCalls.CREDENTIAL)
@RealInfrastructure
class AdminAdminsIntegrationTest {

    private static final FakePassport passport = new FakePassport(AdminCalls.CREDENTIAL);

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    private AdminCalls calls;
    /** The administrator calling, one of passport's role-9 users. */
    private UUID admin;

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
        admin = passport.addUser("root-" + UUID.randomUUID().toString().substring(0, 8), 9);
        passport.onlyAdmin(admin);
    }

    @Test
    void shouldListTheAdministratorsThroughTheRoleFilter() {
        UUID other = passport.addUser("adm-kim", 9);
        passport.addUser("usr-lee");

        AdminCalls.Answer answer = calls.get("/admin/admins", AdminCalls.asAdmin(admin));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("data").get("total").asLong()).isEqualTo(2);
        assertThat(answer.json().get("data").get("admins")).extracting(user -> user.get("id").asString())
                .containsExactlyInAnyOrder(admin.toString(), other.toString());
        assertThat(passport.requests).containsExactly("GET /internal/apps/default/users?limit=100&offset=0&role=9");
    }

    @Test
    void shouldPromoteAnExistingUserAndAuditTheRoleBeforeAndAfter() {
        UUID user = passport.addUser("pro-max");

        AdminCalls.Answer answer = calls.post("/admin/admins", "{\"user_id\":\"" + user + "\"}", AdminCalls.asAdmin(admin));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("data").get("user").get("role").asInt()).isEqualTo(9);
        assertThat(passport.roleOf(user)).isEqualTo(9);
        assertThat(auditRows()).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("action", "admin.promote").containsEntry("target_id", user.toString())
                .containsEntry("before", "{\"role\": 1}").containsEntry("after", "{\"role\": 9}"));
    }

    @Test
    void shouldRefuseToPromoteAnUnknownUserOrWithoutAUserIdAndAuditNothing() {
        AdminCalls.Answer unknown = calls.post("/admin/admins", "{\"user_id\":\"" + UUID.randomUUID() + "\"}", AdminCalls.asAdmin(admin));
        AdminCalls.Answer notUuid = calls.post("/admin/admins", "{\"user_id\":\"root\"}", AdminCalls.asAdmin(admin));
        AdminCalls.Answer missing = calls.post("/admin/admins", "{}", AdminCalls.asAdmin(admin));
        AdminCalls.Answer notText = calls.post("/admin/admins", "{\"user_id\":7}", AdminCalls.asAdmin(admin));

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("ADMIN_OPERATION_FAILED");
        assertThat(notUuid.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorCode()).isEqualTo("ADMIN_OPERATION_FAILED");
        assertThat(notText.status()).isEqualTo(400);
        assertThat(auditRows()).isEmpty();
    }

    @Test
    void shouldDemoteAnotherAdministratorAndAuditIt() {
        UUID other = passport.addUser("dem-ned", 9);

        AdminCalls.Answer answer = calls.send("DELETE", "/admin/admins/" + other, null, AdminCalls.asAdmin(admin));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("data").get("user").get("role").asInt()).isEqualTo(1);
        assertThat(passport.roleOf(other)).isEqualTo(1);
        assertThat(auditRows()).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("action", "admin.demote").containsEntry("target_id", other.toString())
                .containsEntry("before", "{\"role\": 9}").containsEntry("after", "{\"role\": 1}"));
    }

    @Test
    void shouldRefuseSelfDemotionByEitherRouteWithoutAskingPassportToChangeAnything() {
        passport.addUser("dem-ola", 9);

        AdminCalls.Answer delete = calls.send("DELETE", "/admin/admins/" + admin, null, AdminCalls.asAdmin(admin));
        AdminCalls.Answer patch = calls.send("PATCH", "/admin/users/" + admin, "{\"role\":1}", AdminCalls.asAdmin(admin));

        for (AdminCalls.Answer answer : List.of(delete, patch)) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
            assertThat(answer.errorCode()).isEqualTo("ADMIN_OPERATION_FAILED");
            assertThat(answer.json().get("message").asString()).isEqualTo("不能取消自己的管理员权限");
        }
        assertThat(passport.roleOf(admin)).isEqualTo(9);
        assertThat(passport.requests).noneMatch(request -> request.startsWith("PATCH"));
        assertThat(auditRows()).isEmpty();
    }

    @Test
    void shouldRefuseToDemoteTheLastAdministratorByEitherRoute() {
        // The caller's own role-9 record is gone (demoted elsewhere since their token was issued): the target is the last one.
        UUID last = passport.addUser("dem-pia", 9);
        passport.onlyAdmin(last);

        AdminCalls.Answer delete = calls.send("DELETE", "/admin/admins/" + last, null, AdminCalls.asAdmin(admin));
        AdminCalls.Answer patch = calls.send("PATCH", "/admin/users/" + last, "{\"role\":1}", AdminCalls.asAdmin(admin));

        for (AdminCalls.Answer answer : List.of(delete, patch)) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(409);
            assertThat(answer.errorCode()).isEqualTo("ADMIN_OPERATION_FAILED");
            assertThat(answer.json().get("message").asString()).isEqualTo("不能取消最后一位管理员的权限");
        }
        assertThat(passport.roleOf(last)).isEqualTo(9);
        assertThat(passport.requests).noneMatch(request -> request.startsWith("PATCH"));
        assertThat(auditRows()).isEmpty();
    }

    @Test
    void shouldRefuseToDemoteSomeoneWhoIsNoAdministratorOrUnknown() {
        UUID user = passport.addUser("dem-quin");

        AdminCalls.Answer notAdmin = calls.send("DELETE", "/admin/admins/" + user, null, AdminCalls.asAdmin(admin));
        AdminCalls.Answer unknown = calls.send("DELETE", "/admin/admins/" + UUID.randomUUID(), null, AdminCalls.asAdmin(admin));

        assertThat(notAdmin.status()).isEqualTo(404);
        assertThat(notAdmin.json().get("message").asString()).isEqualTo("该用户不是管理员");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("message").asString()).isEqualTo("用户不存在");
        assertThat(auditRows()).isEmpty();
    }

    private List<Map<String, Object>> auditRows() {
        return jdbc.sql("""
                SELECT action, target_id, before::text AS before, after::text AS after
                FROM admin_audit_log WHERE actor_user_id = :actor ORDER BY id""").param("actor", admin).query().listOfRows();
    }
}
