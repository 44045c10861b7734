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
 * {@code DELETE /admin/users/:id}: passport erases the account and the trail keeps who did it to
 * which id; never one's own account, never the last administrator, and a refusal audits nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "passport.internal.credential=" + AdminCalls.CREDENTIAL)
@RealInfrastructure
class AdminUserDeletionIntegrationTest {

    private static final FakePassport passport = new FakePassport(AdminCalls.CREDENTIAL);

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    private AdminCalls calls;
    /** The administrator calling, the one role-9 user of passport. */
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
    void shouldDeleteAUserThroughPassportAndAuditItByIdOnly() {
        UUID user = passport.addUser("del-ann");
        passport.addSession(user);

        AdminCalls.Answer answer = calls.send("DELETE", "/admin/users/" + user, null, AdminCalls.asAdmin(admin));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("success").asBoolean()).isTrue();
        assertThat(answer.json().get("message").asString()).isEqualTo("用户已删除");
        assertThat(passport.user(user)).isNull();
        assertThat(passport.sessions.get(user)).isNull();
        assertThat(passport.requests).contains("DELETE /internal/apps/default/users/" + user);
        assertThat(auditRows()).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("action", "user.delete").containsEntry("target_type", "user")
                    .containsEntry("target_id", user.toString()).containsEntry("after", "{\"deleted\": true}");
            assertThat(row.get("before")).as("the trail keeps nothing of the erased account").isNull();
        });

        AdminCalls.Answer again = calls.send("DELETE", "/admin/users/" + user, null, AdminCalls.asAdmin(admin));
        assertThat(again.status()).isEqualTo(404);
        assertThat(auditRows()).hasSize(1);
    }

    @Test
    void shouldDeleteAnotherAdministratorWhileOneRemains() {
        UUID other = passport.addUser("del-adm", 9);

        AdminCalls.Answer answer = calls.send("DELETE", "/admin/users/" + other, null, AdminCalls.asAdmin(admin));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(passport.user(other)).isNull();
        assertThat(passport.roleOf(admin)).isEqualTo(9);
    }

    @Test
    void shouldRefuseToDeleteOnesOwnAccountWithoutAskingPassport() {
        passport.addUser("del-2nd", 9);

        AdminCalls.Answer answer = calls.send("DELETE", "/admin/users/" + admin, null, AdminCalls.asAdmin(admin));

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("ADMIN_OPERATION_FAILED");
        assertThat(answer.json().get("message").asString()).isEqualTo("不能删除自己的账号");
        assertThat(passport.user(admin)).isNotNull();
        assertThat(passport.requests).noneMatch(request -> request.startsWith("DELETE"));
        assertThat(auditRows()).isEmpty();
    }

    @Test
    void shouldRefuseToDeleteTheLastAdministrator() {
        // The caller's own role-9 record is gone (demoted elsewhere since their token was issued): the target is the last one.
        UUID last = passport.addUser("del-last", 9);
        passport.onlyAdmin(last);

        AdminCalls.Answer answer = calls.send("DELETE", "/admin/users/" + last, null, AdminCalls.asAdmin(admin));

        assertThat(answer.status()).as(answer.body()).isEqualTo(409);
        assertThat(answer.errorCode()).isEqualTo("ADMIN_OPERATION_FAILED");
        assertThat(answer.json().get("message").asString()).isEqualTo("不能删除最后一位管理员");
        assertThat(passport.user(last)).isNotNull();
        assertThat(passport.requests).noneMatch(request -> request.startsWith("DELETE"));
        assertThat(auditRows()).isEmpty();
    }

    @Test
    void shouldAnswerAnUnknownOrMalformedIdAs404AndAuditNothing() {
        AdminCalls.Answer unknown = calls.send("DELETE", "/admin/users/" + UUID.randomUUID(), null, AdminCalls.asAdmin(admin));
        AdminCalls.Answer notUuid = calls.send("DELETE", "/admin/users/42", null, AdminCalls.asAdmin(admin));

        for (AdminCalls.Answer answer : List.of(unknown, notUuid)) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(404);
            assertThat(answer.errorCode()).isEqualTo("ADMIN_OPERATION_FAILED");
            assertThat(answer.json().get("message").asString()).isEqualTo("用户不存在");
        }
        assertThat(auditRows()).isEmpty();
    }

    @Test
    void shouldAnswer503AndAuditNothingWhenPassportRefusesTheSuitesCredential() {
        UUID user = passport.addUser("del-down");
        passport.refuseCredential = true;

        AdminCalls.Answer answer = calls.send("DELETE", "/admin/users/" + user, null, AdminCalls.asAdmin(admin));

        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.errorCode()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(passport.user(user)).isNotNull();
        assertThat(auditRows()).isEmpty();
    }

    @Test
    void shouldRefuseAnyoneButAnAdministrator() {
        UUID user = passport.addUser("del-guarded");

        List<AdminCalls.Answer> answers = List.of(
                calls.send("DELETE", "/admin/users/" + user, null, AdminCalls.asUser(UUID.randomUUID(), 1, FakePassport.APP)),
                calls.send("DELETE", "/admin/users/" + user, null, AdminCalls.asUser(UUID.randomUUID(), 9, "tenant-a")));

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(403));
        assertThat(passport.user(user)).isNotNull();
        assertThat(passport.requests).isEmpty();
    }

    private List<Map<String, Object>> auditRows() {
        return jdbc.sql("""
                SELECT action, target_type, target_id, before::text AS before, after::text AS after
                FROM admin_audit_log WHERE actor_user_id = :actor ORDER BY id""").param("actor", admin).query().listOfRows();
    }
}
