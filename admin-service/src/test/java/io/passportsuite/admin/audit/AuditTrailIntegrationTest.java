package io.passportsuite.admin.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.passportsuite.admin.support.AdminCalls;
import io.passportsuite.common.testing.RealInfrastructure;
import tools.jackson.databind.JsonNode;

/** {@code GET /admin/audit} pages and filters the trail; the table itself refuses to be rewritten. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "passport.internal.credential=" + AdminCalls.CREDENTIAL)
@RealInfrastructure
class AuditTrailIntegrationTest {

    @LocalServerPort
    private int port;

    @Autowired
    private AuditTrail trail;

    @Autowired
    private JdbcClient jdbc;

    private AdminCalls calls;
    private final UUID admin = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();

    @BeforeEach
    void setUp() {
        calls = new AdminCalls(port);
    }

    @Test
    void shouldPageTheTrailNewestFirstWithATotal() {
        for (int i = 0; i < 5; i++) {
            record(admin, "user.reset_password", "target-" + i);
        }

        JsonNode first = page("/admin/audit?actor=" + admin + "&limit=2");
        JsonNode second = page("/admin/audit?actor=" + admin + "&limit=2&offset=2");
        JsonNode last = page("/admin/audit?actor=" + admin + "&limit=2&offset=4");

        assertThat(first.get("total").asLong()).isEqualTo(5);
        assertThat(targets(first)).containsExactly("target-4", "target-3");
        assertThat(targets(second)).containsExactly("target-2", "target-1");
        assertThat(targets(last)).containsExactly("target-0");
        JsonNode entry = first.get("entries").get(0);
        assertThat(entry.get("actor_user_id").asString()).isEqualTo(admin.toString());
        assertThat(entry.get("actor_ip").asString()).isEqualTo("198.51.100.4");
        assertThat(entry.get("request_id").asString()).isEqualTo("req-1");
        assertThat(entry.get("after").get("password").asString()).isEqualTo("reset");
        assertThat(entry.get("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }

    @Test
    void shouldFilterByActorTargetAndActionTogether() {
        String target = UUID.randomUUID().toString();
        record(other, "user.reset_password", target);
        record(other, "admin.login", target);
        record(admin, "user.reset_password", target);

        assertThat(page("/admin/audit?target=" + target).get("total").asLong()).isEqualTo(3);
        assertThat(page("/admin/audit?target=" + target + "&actor=" + other).get("total").asLong()).isEqualTo(2);
        JsonNode one = page("/admin/audit?target=" + target + "&actor=" + other + "&action=admin.login");
        assertThat(one.get("total").asLong()).isEqualTo(1);
        assertThat(one.get("entries").get(0).get("action").asString()).isEqualTo("admin.login");
        assertThat(page("/admin/audit?target=" + target + "&action=nothing").get("entries")).isEmpty();
    }

    @Test
    void shouldRefuseBadPagingAndFilters() {
        for (String query : List.of("limit=0", "limit=1001", "limit=ten", "offset=-1", "actor=not-a-uuid", "target=" + "x".repeat(201))) {
            AdminCalls.Answer answer = calls.get("/admin/audit?" + query, AdminCalls.asAdmin(admin));
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.errorCode()).as(query).isEqualTo("ADMIN_OPERATION_FAILED");
        }
    }

    @Test
    void shouldRefuseToUpdateDeleteOrTruncateTheTrail() {
        record(admin, "user.reset_password", "kept");

        assertThatThrownBy(() -> jdbc.sql("UPDATE admin_audit_log SET action = 'nothing' WHERE actor_user_id = :actor")
                .param("actor", admin).update()).isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM admin_audit_log WHERE actor_user_id = :actor")
                .param("actor", admin).update()).isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("TRUNCATE admin_audit_log").update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThat(jdbc.sql("SELECT action FROM admin_audit_log WHERE actor_user_id = :actor").param("actor", admin)
                .query(String.class).list()).containsExactly("user.reset_password");
    }

    private void record(UUID actor, String action, String target) {
        trail.record(new AuditedAction("default", new Actor(actor, "198.51.100.4", "req-1"), action, "user", target, null,
                Map.of("password", "reset")));
    }

    private JsonNode page(String path) {
        AdminCalls.Answer answer = calls.get(path, AdminCalls.asAdmin(admin));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().get("data");
    }

    private static List<String> targets(JsonNode page) {
        return page.get("entries").valueStream().map(entry -> entry.get("target_id").asString()).toList();
    }
}
