package io.passportsuite.admin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.passportsuite.admin.support.AdminCalls;
import io.passportsuite.admin.support.FakePassport;
import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.common.web.SuiteHeaders;

/** Every /admin path answers only requests the gateway routed, for an administrator of the platform app. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "passport.internal.credential=" + AdminCalls.CREDENTIAL)
@RealInfrastructure
class AdminGuardIntegrationTest {

    private static final FakePassport passport = new FakePassport(AdminCalls.CREDENTIAL);
    private static final List<String> PATHS = List.of("/admin/users", "/admin/users/" + UUID.randomUUID(), "/admin/audit",
            "/admin/logs/runtime", "/admin/anything", "/admin/apps",
            "/admin/apps/default/api-keys", "/%61dmin/users", "/admin;x/users", "/x/../admin/users");

    @LocalServerPort
    private int port;

    private AdminCalls calls;

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
    void shouldAnswer401WithoutTheSuitesCredentialWhateverIdentityIsClaimed() {
        String[] spoofed = {SuiteHeaders.USER_ID, UUID.randomUUID().toString(), SuiteHeaders.USER_ROLE, "9",
                SuiteHeaders.APP_ID, FakePassport.APP};
        String[] wrongCredential = {SuiteHeaders.INTERNAL_CREDENTIAL, AdminCalls.CREDENTIAL + "x", SuiteHeaders.USER_ID,
                UUID.randomUUID().toString(), SuiteHeaders.USER_ROLE, "9", SuiteHeaders.APP_ID, FakePassport.APP};
        for (String path : PATHS) {
            assertRefused(calls.get(path), 401, "INVALID_TOKEN", path);
            assertRefused(calls.get(path, spoofed), 401, "INVALID_TOKEN", path);
            assertRefused(calls.get(path, wrongCredential), 401, "INVALID_TOKEN", path);
        }
        assertRefused(calls.post("/admin/users/" + UUID.randomUUID() + "/reset-password", "{\"new_password\":\"NewPass1234\"}",
                spoofed), 401, "INVALID_TOKEN", "reset");
        // The login is public at the gateway, which counts failures: not past it.
        assertRefused(calls.post("/admin/auth/login", "{\"identifier\":\"root\",\"password\":\"Root12345\"}"), 401,
                "INVALID_TOKEN", "login");
        assertThat(passport.requests).isEmpty();
    }

    @Test
    void shouldAnswer401ToACredentialedRequestWithoutAUsableIdentity() {
        assertRefused(calls.get("/admin/users", SuiteHeaders.INTERNAL_CREDENTIAL, AdminCalls.CREDENTIAL), 401, "INVALID_TOKEN", "none");
        assertRefused(calls.get("/admin/users", SuiteHeaders.INTERNAL_CREDENTIAL, AdminCalls.CREDENTIAL, SuiteHeaders.USER_ID,
                "not-a-uuid", SuiteHeaders.USER_ROLE, "9", SuiteHeaders.APP_ID, FakePassport.APP), 401, "INVALID_TOKEN", "bad id");
    }

    @Test
    void shouldAnswer403ToUsersWhoAreNoAdministratorOfThePlatformApp() {
        UUID user = UUID.randomUUID();
        for (String path : PATHS) {
            assertRefused(calls.get(path, AdminCalls.asUser(user, 1, FakePassport.APP)), 403, "FORBIDDEN", path);
            assertRefused(calls.get(path, AdminCalls.asUser(user, 9, "tenant-a")), 403, "FORBIDDEN", path);
        }
        assertRefused(calls.get("/admin/users", SuiteHeaders.INTERNAL_CREDENTIAL, AdminCalls.CREDENTIAL, SuiteHeaders.USER_ID,
                user.toString(), SuiteHeaders.APP_ID, FakePassport.APP), 403, "FORBIDDEN", "no role");
        assertRefused(calls.post("/admin/users/" + UUID.randomUUID() + "/reset-password", "{\"new_password\":\"NewPass1234\"}",
                AdminCalls.asUser(user, 1, FakePassport.APP)), 403, "FORBIDDEN", "reset");
        assertRefused(calls.send("PATCH", "/admin/users/" + user, "{\"role\":9}", AdminCalls.asUser(user, 1, FakePassport.APP)),
                403, "FORBIDDEN", "a user making themselves an administrator");
        assertThat(passport.requests).isEmpty();
    }

    @Test
    void shouldAnswer403ToAUserTokenOnTheAppsAndTheirKeys() {
        String[] user = AdminCalls.asUser(UUID.randomUUID(), 1, FakePassport.APP);
        assertRefused(calls.get("/admin/apps", user), 403, "FORBIDDEN", "list");
        assertRefused(calls.post("/admin/apps", "{\"app_id\":\"mine\",\"name\":\"Mine\"}", user), 403, "FORBIDDEN", "create");
        assertRefused(calls.send("PATCH", "/admin/apps/default", "{\"name\":\"Mine\"}", user), 403, "FORBIDDEN", "change");
        assertRefused(calls.post("/admin/apps/default/api-keys", "{\"label\":\"mine\"}", user), 403, "FORBIDDEN", "issue");
        assertRefused(calls.send("DELETE", "/admin/apps/default/api-keys/" + UUID.randomUUID(), null, user), 403, "FORBIDDEN",
                "revoke");
        assertThat(passport.requests).isEmpty();
    }

    @Test
    void shouldLetAnAdministratorThrough() {
        AdminCalls.Answer answer = calls.get("/admin/users", AdminCalls.asAdmin(UUID.randomUUID()));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    private static void assertRefused(AdminCalls.Answer answer, int status, String code, String what) {
        assertThat(answer.status()).as(what + ": " + answer.body()).isEqualTo(status);
        assertThat(answer.json().get("success").asBoolean()).as(what).isFalse();
        assertThat(answer.errorCode()).as(what).isEqualTo(code);
    }
}
