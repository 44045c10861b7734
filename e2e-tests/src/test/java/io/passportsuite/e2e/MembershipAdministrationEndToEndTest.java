package io.passportsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.passportsuite.common.testing.ServiceProbe;
import tools.jackson.databind.JsonNode;

/**
 * Memberships from the back office, with gateway, passport, membership-service and admin-service
 * each in its own JVM: the bootstrap administrator sets a user's tier and grants a capability, and
 * the user's own membership shows them; the changes are in the audit trail, an invite's code is not.
 */
class MembershipAdministrationEndToEndTest {

    private static GatewaySuite suite;
    private static ServiceProbe gateway;
    private static String adminToken;

    @BeforeAll
    static void startSuite() {
        suite = GatewaySuite.shared();
        gateway = suite.throughGateway;
        ServiceProbe.Response login = awaitLogin();
        assertThat(login.status()).as("the gateway routes to admin-service: " + login.body()).isEqualTo(200);
        adminToken = login.json().get("data").get("access_token").asString();
        // admin-service finds membership-service through discovery too, and may not have fetched it yet.
        ServiceProbe.Response tiers = suite.awaitRouted("/admin/tiers", Duration.ofSeconds(60), bearer(adminToken));
        assertThat(tiers.status()).as("admin-service reaches membership-service: " + tiers.body()).isEqualTo(200);
    }

    @Test
    void shouldShowTheUserTheTierAndCapabilityTheAdministratorSet() {
        String[] user = register("tiered");
        String userId = user[0];
        String userToken = user[1];
        assertThat(gateway.get("/api/membership/me", bearer(userToken)).json().get("isMember").asBoolean()).isFalse();

        ServiceProbe.Response set = gateway.put("/admin/users/" + userId + "/membership", "{\"tier\":\"pro\"}",
                bearer(adminToken));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("data").get("membership").get("tier").asString()).isEqualTo("pro");
        // A capability name with its ':' reaches membership whole.
        ServiceProbe.Response revoked = gateway.post("/admin/users/" + userId + "/capabilities/cloud:deploy?kind=revoke", "",
                bearer(adminToken));
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);

        ServiceProbe.Response me = gateway.get("/api/membership/me", bearer(userToken));
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().get("tier").asString()).isEqualTo("pro");
        assertThat(me.json().get("isMember").asBoolean()).isTrue();
        assertThat(me.json().get("capabilities").valueStream().map(JsonNode::asString))
                .contains("server:create", "invite:create").doesNotContain("cloud:deploy");

        ServiceProbe.Response audit = gateway.get("/admin/audit?target=" + userId, bearer(adminToken));
        assertThat(audit.status()).as(audit.body()).isEqualTo(200);
        assertThat(audit.json().get("data").get("entries").valueStream().map(entry -> entry.get("action").asString()))
                .containsExactly("membership.override_capability", "membership.set");
    }

    @Test
    void shouldShowAnInvitesCodeOnceAndKeepItOutOfTheTrail() {
        ServiceProbe.Response created = gateway.post("/admin/invites", "{\"tier\":\"member\",\"max_uses\":2}", bearer(adminToken));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String code = created.json().get("data").get("invite").get("code").asString();
        String id = created.json().get("data").get("invite").get("id").asString();

        assertThat(gateway.get("/admin/invites", bearer(adminToken)).body()).contains(id).doesNotContain(code);
        ServiceProbe.Response audit = gateway.get("/admin/audit?target=" + id, bearer(adminToken));
        assertThat(audit.json().get("data").get("entries").get(0).get("action").asString()).isEqualTo("membership.create_invite");
        assertThat(audit.body()).doesNotContain(code);
    }

    @Test
    void shouldKeepAUserOutOfTheTiers() {
        String[] user = register("not-an-admin");

        ServiceProbe.Response refused = gateway.put("/admin/tiers/gold", "{\"level\":5,\"capabilities\":[]}", bearer(user[1]));

        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
    }

    /** The new user's id and access token. */
    private static String[] register(String name) {
        String email = name + "-" + UUID.randomUUID() + "@example.com";
        ServiceProbe.Response registered = gateway.post("/api/auth/register",
                "{\"email\":\"%s\",\"password\":\"secure-password1\"}".formatted(email));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String accessToken = registered.json().get("accessToken").asString();
        JsonNode me = gateway.get("/api/auth/me", bearer(accessToken)).json();
        return new String[] {(me.has("user") ? me.get("user") : me).get("id").asString(), accessToken};
    }

    private static ServiceProbe.Response awaitLogin() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String body = "{\"identifier\":\"%s\",\"password\":\"%s\"}".formatted(GatewaySuite.ADMIN_USERNAME, GatewaySuite.ADMIN_PASSWORD);
        ServiceProbe.Response response = gateway.post("/admin/auth/login", body);
        while (response.status() == 503 && System.nanoTime() < deadline) {
            GatewaySuite.sleep(Duration.ofMillis(250));
            response = gateway.post("/admin/auth/login", body);
        }
        return response;
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }
}
