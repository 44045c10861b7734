package io.passportsuite.membership.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.common.testing.ServiceProbe;
import io.passportsuite.common.web.SuiteHeaders;
import io.passportsuite.membership.SuiteCalls;

/** Identity headers count only with the suite's credential; /internal is for the suite's services only. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "passport.internal.credential=" + SuiteCalls.CREDENTIAL)
@RealInfrastructure
class InternalCredentialIntegrationTest {

    @LocalServerPort
    private int port;

    private SuiteCalls calls;

    @BeforeEach
    void setUp() {
        calls = new SuiteCalls(port);
    }

    @Test
    void shouldRefuseIdentityHeadersThatDidNotComeThroughTheGateway() {
        UUID user = UUID.randomUUID();
        String[] withoutCredential = {SuiteHeaders.USER_ID, user.toString(), SuiteHeaders.APP_ID, SuiteCalls.APP,
                SuiteHeaders.USER_ROLE, "9"};
        String[] wrongCredential = {SuiteHeaders.INTERNAL_CREDENTIAL, SuiteCalls.CREDENTIAL + "x", SuiteHeaders.USER_ID,
                user.toString(), SuiteHeaders.APP_ID, SuiteCalls.APP};

        assertPlain(calls.probe().get("/api/membership/me", withoutCredential), 401, "INVALID_TOKEN");
        assertPlain(calls.probe().get("/api/membership/me", wrongCredential), 401, "INVALID_TOKEN");
        assertPlain(calls.probe().get("/%61pi/membership/me", withoutCredential), 401, "INVALID_TOKEN");
        assertPlain(calls.probe().post("/api/membership/redeem-invite", "{\"inviteCode\":\"x\"}", withoutCredential), 401,
                "INVALID_TOKEN");
        ServiceProbe.Response admin = calls.probe().get("/admin/membership/invites", withoutCredential);
        assertThat(admin.status()).isEqualTo(401);
        assertThat(admin.json().get("success").asBoolean()).isFalse();
        assertThat(admin.json().get("error_code").asString()).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void shouldAnswerACredentialedRequestWithoutIdentityAsUnauthenticated() {
        assertPlain(calls.probe().get("/api/membership/me", SuiteCalls.asService()), 401, "INVALID_TOKEN");
        assertPlain(calls.probe().get("/api/membership/me", SuiteHeaders.INTERNAL_CREDENTIAL, SuiteCalls.CREDENTIAL,
                SuiteHeaders.USER_ID, "not-a-uuid", SuiteHeaders.APP_ID, SuiteCalls.APP), 401, "INVALID_TOKEN");
    }

    @Test
    void shouldServeTheInternalApiToTheSuitesServicesOnly() {
        UUID user = UUID.randomUUID();
        String path = "/internal/apps/" + SuiteCalls.APP + "/users/" + user + "/membership";

        ServiceProbe.Response served = calls.probe().get(path, SuiteCalls.asService());
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.json().get("tier").asString()).isEqualTo("free");
        assertThat(served.json().get("userId").asString()).isEqualTo(user.toString());

        assertPlain(calls.probe().get(path), 403, "FORBIDDEN");
        // A request routed for a client is never internal, whatever it carries.
        assertPlain(calls.probe().get(path, SuiteCalls.asUser(user, 9)), 403, "FORBIDDEN");
        assertPlain(calls.probe().get("/internal;x/apps/" + SuiteCalls.APP + "/invites"), 403, "FORBIDDEN");
    }

    @Test
    void shouldLetServicesCreateListAndRevokeInvitesOfAnyApp() {
        ServiceProbe.Response created = calls.probe().post("/internal/apps/tenant-a/invites",
                "{\"tier\":\"pro\",\"maxUses\":2,\"note\":\"from admin-service\"}", SuiteCalls.asService());

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("appId").asString()).isEqualTo("tenant-a");
        assertThat(created.json().get("code").asString()).hasSize(19);
        String id = created.json().get("id").asString();
        ServiceProbe.Response listed = calls.probe().get("/internal/apps/tenant-a/invites", SuiteCalls.asService());
        assertThat(listed.json().get("invites")).hasSize(1);
        assertThat(listed.json().get("invites").get(0).has("code")).isFalse();
        assertThat(calls.send("DELETE", "/internal/apps/tenant-a/invites/" + id, null, SuiteCalls.asService()).status()).isEqualTo(200);
        assertPlain(calls.probe().post("/internal/apps/tenant-a/invites", "{\"tier\":\"free\",\"maxUses\":1}", SuiteCalls.asService()),
                400, "VALIDATION_FAILED");
    }

    private static void assertPlain(ServiceProbe.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().get("error").asString()).isEqualTo(code);
    }
}
