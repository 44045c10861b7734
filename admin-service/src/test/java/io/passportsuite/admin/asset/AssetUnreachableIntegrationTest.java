package io.passportsuite.admin.asset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
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

/** With asset-service down, an app's upload settings are a 503 envelope and nothing is audited. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "passport.internal.credential=" + AdminCalls.CREDENTIAL)
@RealInfrastructure
class AssetUnreachableIntegrationTest {

    private static final FakePassport passport = new FakePassport(AdminCalls.CREDENTIAL);

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @DynamicPropertySource
    static void serviceUrls(DynamicPropertyRegistry registry) {
        int closedPort = closedPort();
        registry.add("passport.service.url", passport::url);
        registry.add("asset.service.url", () -> "http://127.0.0.1:" + closedPort);
    }

    @AfterAll
    static void stopPassport() {
        passport.close();
    }

    @Test
    void shouldAnswer503AndAuditNothing() {
        AdminCalls calls = new AdminCalls(port);
        UUID admin = UUID.randomUUID();
        String path = "/admin/apps/" + FakePassport.APP + "/assets";

        List<AdminCalls.Answer> answers = List.of(
                calls.get(path, AdminCalls.asAdmin(admin)),
                calls.send("PUT", path, "{\"max_file_bytes\":2048}", AdminCalls.asAdmin(admin)));

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
