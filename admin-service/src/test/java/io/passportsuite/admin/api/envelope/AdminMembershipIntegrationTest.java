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
import io.passportsuite.admin.support.FakeMembership;
import io.passportsuite.admin.support.FakePassport;
import io.passportsuite.common.testing.RealInfrastructure;
import tools.jackson.databind.JsonNode;

/** Tiers, invites and users' memberships through the back office, and the audit row of each change. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "passport.internal.credential=" + AdminCalls.CREDENTIAL)
@RealInfrastructure
class AdminMembershipIntegrationTest {

    private static final FakePassport passport = new FakePassport(AdminCalls.CREDENTIAL);
    private static final FakeMembership membership = new FakeMembership(AdminCalls.CREDENTIAL);

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    private AdminCalls calls;
    private final UUID admin = UUID.randomUUID();

    @DynamicPropertySource
    static void serviceUrls(DynamicPropertyRegistry registry) {
        registry.add("passport.service.url", passport::url);
        registry.add("membership.service.url", membership::url);
    }

    @AfterAll
    static void stopServices() {
        passport.close();
        membership.close();
    }

    @BeforeEach
    void setUp() {
        calls = new AdminCalls(port);
        membership.reset();
    }

    @Test
    void shouldListTiersAndAuditAChangedOne() {
        AdminCalls.Answer listed = calls.get("/admin/tiers", AdminCalls.asAdmin(admin));
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        JsonNode data = listed.json().get("data");
        assertThat(data.get("app_id").asString()).isEqualTo("default");
        assertThat(data.get("tiers").valueStream().map(tier -> tier.get("name").asString())).startsWith("free", "member", "pro");
        assertThat(data.get("tiers").get(2).get("monthly_invite_quota").asInt()).isEqualTo(10);

        AdminCalls.Answer saved = calls.send("PUT", "/admin/tiers/gold", """
                {"level":7,"capabilities":["cloud:deploy"],"monthly_invite_quota":5}""", AdminCalls.asAdmin(admin));

        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().get("data").get("tier").get("monthly_invite_quota").asInt()).isEqualTo(5);
        assertThat(membership.requests).containsExactly("GET /internal/apps/default/tiers", "PUT /internal/apps/default/tiers/gold");
        assertThat(membership.bodies.getFirst().propertyNames()).containsExactlyInAnyOrder("level", "capabilities", "monthlyInviteQuota");
        Map<String, Object> row = onlyRow();
        assertThat(row).containsEntry("app_id", "default").containsEntry("action", "membership.put_tier")
                .containsEntry("target_type", "tier").containsEntry("target_id", "gold").containsEntry("actor_ip", AdminCalls.CLIENT_IP);
        assertThat((String) row.get("after")).contains("\"level\": 7", "\"monthly_invite_quota\": 5", "cloud:deploy");
    }

    @Test
    void shouldShowAnInvitesCodeOnlyOnCreationAndNeverAuditIt() {
        AdminCalls.Answer created = calls.post("/admin/invites", "{\"tier\":\"member\",\"note\":\"for the beta\"}",
                AdminCalls.asAdmin(admin));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode invite = created.json().get("data").get("invite");
        String code = invite.get("code").asString();
        String id = invite.get("id").asString();
        assertThat(code).startsWith("INV-");
        assertThat(invite.get("max_uses").asInt()).isEqualTo(1);
        // The operator is the invite's author, not whatever a body might claim.
        assertThat(membership.bodies.getFirst().get("createdBy").asString()).isEqualTo(admin.toString());

        AdminCalls.Answer listed = calls.get("/admin/invites", AdminCalls.asAdmin(admin));
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains(id).doesNotContain(code);

        AdminCalls.Answer revoked = calls.send("DELETE", "/admin/invites/" + id, null, AdminCalls.asAdmin(admin));
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().get("data").get("invite").get("revoked_at").isNull()).isFalse();

        List<Map<String, Object>> rows = rows();
        assertThat(rows).extracting(each -> each.get("action")).containsExactly("membership.create_invite", "membership.revoke_invite");
        assertThat(rows).allSatisfy(each -> {
            assertThat(each).containsEntry("target_type", "invite").containsEntry("target_id", id);
            assertThat(String.valueOf(each.get("before")) + each.get("after")).doesNotContain(code).contains("for the beta");
        });
        assertThat(jdbc.sql("SELECT count(*) FROM admin_audit_log WHERE after::text LIKE :code OR before::text LIKE :code")
                .param("code", "%" + code + "%").query(Long.class).single()).isZero();
    }

    @Test
    void shouldSetAUsersTierAndCapabilitiesAndAuditEachChange() {
        UUID user = UUID.randomUUID();
        AdminCalls.Answer set = calls.send("PUT", "/admin/users/" + user + "/membership",
                "{\"tier\":\"pro\",\"ends_at\":\"2027-01-01T00:00:00Z\"}", AdminCalls.asAdmin(admin));

        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("data").get("membership").get("tier").asString()).isEqualTo("pro");
        assertThat(set.json().get("data").get("membership").get("is_member").asBoolean()).isTrue();
        JsonNode sent = membership.bodies.getFirst();
        assertThat(sent.get("tier").asString()).isEqualTo("pro");
        assertThat(sent.get("status").asString()).isEqualTo("active");
        assertThat(sent.get("endsAt").asString()).isEqualTo("2027-01-01T00:00:00Z");

        AdminCalls.Answer shown = calls.get("/admin/users/" + user + "/membership", AdminCalls.asAdmin(admin));
        assertThat(shown.json().get("data").get("membership").get("level").asInt()).isEqualTo(2);

        AdminCalls.Answer granted = calls.post("/admin/users/" + user + "/capabilities/oauth_app:create", null, AdminCalls.asAdmin(admin));
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        assertThat(granted.json().get("data").get("membership").get("capabilities").valueStream().map(JsonNode::asString))
                .contains("oauth_app:create");
        AdminCalls.Answer withdrawn = calls.send("DELETE", "/admin/users/" + user + "/capabilities/oauth_app:create?kind=grant", null,
                AdminCalls.asAdmin(admin));
        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(membership.requests).contains("POST /internal/apps/default/users/" + user + "/capabilities/oauth_app%3Acreate?kind=grant");

        List<Map<String, Object>> rows = rows();
        assertThat(rows).extracting(each -> each.get("action"))
                .containsExactly("membership.set", "membership.override_capability", "membership.remove_capability_override");
        assertThat(rows).allSatisfy(each -> assertThat(each).containsEntry("target_type", "user").containsEntry("target_id", user.toString()));
        assertThat((String) rows.getFirst().get("after")).contains("\"tier\": \"pro\"", "\"ends_at\": \"2027-01-01T00:00:00Z\"");
        assertThat((String) rows.get(1).get("after")).contains("\"capability\": \"oauth_app:create\"", "\"kind\": \"grant\"");
    }

    @Test
    void shouldPassOnMembershipsRefusalsAndAuditNothing() {
        UUID user = UUID.randomUUID();
        assertRefused(calls.send("PUT", "/admin/users/" + user + "/membership", "{\"tier\":\"diamond\"}", AdminCalls.asAdmin(admin)),
                404, "ADMIN_OPERATION_FAILED");
        assertRefused(calls.send("PUT", "/admin/tiers/gold", "{\"level\":-1,\"capabilities\":[]}", AdminCalls.asAdmin(admin)),
                400, "ADMIN_OPERATION_FAILED");
        assertRefused(calls.post("/admin/invites", "{\"tier\":\"free\"}", AdminCalls.asAdmin(admin)), 400, "ADMIN_OPERATION_FAILED");
        assertRefused(calls.send("DELETE", "/admin/invites/" + UUID.randomUUID(), null, AdminCalls.asAdmin(admin)),
                404, "ADMIN_OPERATION_FAILED");
        assertThat(membership.requests).hasSize(4);

        // Refused here without asking membership: bad names, kinds, fields and ids.
        membership.reset();
        assertRefused(calls.post("/admin/users/" + user + "/capabilities/Cloud-Deploy", null, AdminCalls.asAdmin(admin)),
                400, "ADMIN_OPERATION_FAILED");
        assertRefused(calls.post("/admin/users/" + user + "/capabilities/cloud:deploy?kind=maybe", null, AdminCalls.asAdmin(admin)),
                400, "ADMIN_OPERATION_FAILED");
        assertRefused(calls.send("PUT", "/admin/tiers/Gold!", "{\"level\":1,\"capabilities\":[]}", AdminCalls.asAdmin(admin)),
                400, "ADMIN_OPERATION_FAILED");
        assertRefused(calls.send("PUT", "/admin/tiers/gold", "{\"levle\":1}", AdminCalls.asAdmin(admin)), 400, "ADMIN_OPERATION_FAILED");
        assertRefused(calls.post("/admin/invites", "[]", AdminCalls.asAdmin(admin)), 400, "ADMIN_OPERATION_FAILED");
        assertRefused(calls.post("/admin/invites", "{\"tier\":\"pro\",\"created_by\":\"" + UUID.randomUUID() + "\"}",
                AdminCalls.asAdmin(admin)), 400, "ADMIN_OPERATION_FAILED");
        assertRefused(calls.send("PUT", "/admin/users/not-a-user/membership", "{\"tier\":\"pro\"}", AdminCalls.asAdmin(admin)),
                404, "ADMIN_OPERATION_FAILED");
        assertRefused(calls.get("/admin/users/not-a-user/membership", AdminCalls.asAdmin(admin)), 404, "ADMIN_USERS_FAILED");
        assertThat(membership.requests).isEmpty();
        assertThat(rows()).isEmpty();
    }

    @Test
    void shouldAnswer503AndAuditNothingWhenMembershipRefusesTheCredential() {
        membership.refuseCredential = true;

        AdminCalls.Answer set = calls.send("PUT", "/admin/users/" + UUID.randomUUID() + "/membership", "{\"tier\":\"pro\"}",
                AdminCalls.asAdmin(admin));
        AdminCalls.Answer tiers = calls.get("/admin/tiers", AdminCalls.asAdmin(admin));

        for (AdminCalls.Answer answer : List.of(set, tiers)) {
            assertRefused(answer, 503, "SERVICE_UNAVAILABLE");
        }
        assertThat(membership.requests).hasSize(2);
        assertThat(rows()).isEmpty();
    }

    @Test
    void shouldRefuseAUserWhoIsNoAdministrator() {
        AdminCalls.Answer refused = calls.send("PUT", "/admin/tiers/gold", "{\"level\":7,\"capabilities\":[]}",
                AdminCalls.asUser(admin, 1, FakePassport.APP));

        assertRefused(refused, 403, "FORBIDDEN");
        assertThat(membership.requests).isEmpty();
        assertThat(rows()).isEmpty();
    }

    private static void assertRefused(AdminCalls.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.json().get("success").asBoolean()).isFalse();
        assertThat(answer.errorCode()).isEqualTo(code);
        assertThat(answer.json().get("message").asString()).isNotBlank();
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
