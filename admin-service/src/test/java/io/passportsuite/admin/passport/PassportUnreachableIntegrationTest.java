package io.passportsuite.admin.passport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.passportsuite.admin.support.AdminCalls;
import io.passportsuite.common.testing.RealInfrastructure;

/** With passport down, every back-office call is a 503 envelope and nothing is audited. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "passport.internal.credential=" + AdminCalls.CREDENTIAL)
@RealInfrastructure
class PassportUnreachableIntegrationTest {

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @DynamicPropertySource
    static void passportUrl(DynamicPropertyRegistry registry) {
        int closedPort = closedPort();
        registry.add("passport.service.url", () -> "http://127.0.0.1:" + closedPort);
    }

    @Test
    void shouldAnswer503ToEveryCallAndAuditNothing() {
        AdminCalls calls = new AdminCalls(port);
        UUID admin = UUID.randomUUID();

        AdminCalls.Answer login = calls.post("/admin/auth/login", "{\"identifier\":\"root\",\"password\":\"Root12345\"}",
                AdminCalls.anonymous());
        AdminCalls.Answer list = calls.get("/admin/users", AdminCalls.asAdmin(admin));
        AdminCalls.Answer one = calls.get("/admin/users/" + UUID.randomUUID(), AdminCalls.asAdmin(admin));
        AdminCalls.Answer reset = calls.post("/admin/users/" + UUID.randomUUID() + "/reset-password",
                "{\"new_password\":\"NewPass1234\"}", AdminCalls.asAdmin(admin));

        AdminCalls.Answer apps = calls.get("/admin/apps", AdminCalls.asAdmin(admin));
        AdminCalls.Answer created = calls.post("/admin/apps", "{\"app_id\":\"down\",\"name\":\"Down\"}", AdminCalls.asAdmin(admin));
        AdminCalls.Answer changed = calls.send("PATCH", "/admin/apps/default", "{\"name\":\"x\"}", AdminCalls.asAdmin(admin));
        AdminCalls.Answer issued = calls.post("/admin/apps/default/api-keys", "{\"label\":\"x\"}", AdminCalls.asAdmin(admin));
        AdminCalls.Answer revoked = calls.send("DELETE", "/admin/apps/default/api-keys/" + UUID.randomUUID(), null,
                AdminCalls.asAdmin(admin));
        UUID user = UUID.randomUUID();
        AdminCalls.Answer search = calls.get("/admin/users?q=a&role=9", AdminCalls.asAdmin(admin));
        AdminCalls.Answer edit = calls.send("PATCH", "/admin/users/" + user, "{\"nickname\":\"x\"}", AdminCalls.asAdmin(admin));
        AdminCalls.Answer disable = calls.post("/admin/users/" + user + "/disable", null, AdminCalls.asAdmin(admin));
        AdminCalls.Answer enable = calls.post("/admin/users/" + user + "/enable", null, AdminCalls.asAdmin(admin));
        AdminCalls.Answer sessions = calls.get("/admin/users/" + user + "/sessions", AdminCalls.asAdmin(admin));
        AdminCalls.Answer endSession = calls.send("DELETE", "/admin/users/" + user + "/sessions/" + UUID.randomUUID(), null,
                AdminCalls.asAdmin(admin));
        AdminCalls.Answer admins = calls.get("/admin/admins", AdminCalls.asAdmin(admin));
        AdminCalls.Answer promote = calls.post("/admin/admins", "{\"user_id\":\"" + user + "\"}", AdminCalls.asAdmin(admin));
        AdminCalls.Answer demote = calls.send("DELETE", "/admin/admins/" + user, null, AdminCalls.asAdmin(admin));

        for (AdminCalls.Answer answer : new AdminCalls.Answer[] {login, list, one, reset, apps, created, changed, issued, revoked,
                search, edit, disable, enable, sessions, endSession, admins, promote, demote}) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(503);
            assertThat(answer.errorCode()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(answer.json().get("message").asString()).isEqualTo("服务暂时不可用,请稍后重试");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM admin_audit_log").query(Long.class).single()).isZero();
    }

    /** A port nothing listens on: taken, then given back. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
