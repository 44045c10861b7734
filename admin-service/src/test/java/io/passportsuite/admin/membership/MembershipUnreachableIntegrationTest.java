package io.passportsuite.admin.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
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

/** With membership down, every membership call of the back office is a 503 envelope and nothing is audited. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "passport.internal.credential=" + AdminCalls.CREDENTIAL)
@RealInfrastructure
class MembershipUnreachableIntegrationTest {

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @DynamicPropertySource
    static void membershipUrl(DynamicPropertyRegistry registry) {
        int closedPort = closedPort();
        registry.add("membership.service.url", () -> "http://127.0.0.1:" + closedPort);
    }

    @Test
    void shouldAnswer503ToEveryCallAndAuditNothing() {
        AdminCalls calls = new AdminCalls(port);
        UUID admin = UUID.randomUUID();
        String user = "/admin/users/" + UUID.randomUUID();

        List<AdminCalls.Answer> answers = List.of(
                calls.get("/admin/tiers", AdminCalls.asAdmin(admin)),
                calls.send("PUT", "/admin/tiers/gold", "{\"level\":7,\"capabilities\":[]}", AdminCalls.asAdmin(admin)),
                calls.get("/admin/invites", AdminCalls.asAdmin(admin)),
                calls.post("/admin/invites", "{\"tier\":\"member\"}", AdminCalls.asAdmin(admin)),
                calls.send("DELETE", "/admin/invites/" + UUID.randomUUID(), null, AdminCalls.asAdmin(admin)),
                calls.get(user + "/membership", AdminCalls.asAdmin(admin)),
                calls.send("PUT", user + "/membership", "{\"tier\":\"pro\"}", AdminCalls.asAdmin(admin)),
                calls.post(user + "/capabilities/cloud:deploy", null, AdminCalls.asAdmin(admin)),
                calls.send("DELETE", user + "/capabilities/cloud:deploy", null, AdminCalls.asAdmin(admin)));

        for (AdminCalls.Answer answer : answers) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(503);
            assertThat(answer.errorCode()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(answer.json().get("message").asString()).isEqualTo("服务暂时不可用,请稍后重试");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM admin_audit_log WHERE actor_user_id = :admin").param("admin", admin)
                .query(Long.class).single()).isZero();
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
