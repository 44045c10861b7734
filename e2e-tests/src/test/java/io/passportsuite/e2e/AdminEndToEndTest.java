package io.passportsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.passportsuite.common.testing.ServiceProbe;
import tools.jackson.databind.JsonNode;

/**
 * The back office through the gateway, with admin-service and passport in their own JVMs: the
 * bootstrap administrator logs in, lists users, resets a user's password and disables a user,
 * each of which ends that user's sessions at the gateway, and sees a user's logins in their
 * activity; users and anonymous clients are kept out.
 */
class AdminEndToEndTest {

    private static final Duration EVENTUAL = Duration.ofSeconds(15);
    private static final Duration ACTIVITY = Duration.ofSeconds(60);

    private static GatewaySuite suite;
    private static ServiceProbe gateway;

    @BeforeAll
    static void startSuite() {
        suite = GatewaySuite.shared();
        gateway = suite.throughGateway;
        // Discovery may list admin-service before the gateway's load balancer has fetched it.
        ServiceProbe.Response routed = awaitLogin();
        assertThat(routed.status()).as("the gateway routes to admin-service: " + routed.body()).isEqualTo(200);
    }

    @Test
    void shouldLetTheBootstrapAdministratorResetAPasswordWhichEndsTheUsersSessions() {
        String adminToken = adminLogin().json().get("data").get("access_token").asString();
        Account user = register("reset-me");

        ServiceProbe.Response list = gateway.get("/admin/users?limit=1000", bearer(adminToken));
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json().get("data").get("users").valueStream().map(u -> u.get("id").asString()))
                .contains(user.userId());

        ServiceProbe.Response one = gateway.get("/admin/users/" + user.userId(), bearer(adminToken));
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertThat(one.json().get("data").get("user").get("email").asString()).isEqualTo(user.email());

        assertThat(gateway.get("/api/auth/me", bearer(user.accessToken())).status()).isEqualTo(200);
        ServiceProbe.Response reset = gateway.post("/admin/users/" + user.userId() + "/reset-password",
                "{\"new_password\":\"Reset-by-admin1\"}", bearer(adminToken));
        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        assertThat(reset.json().get("success").asBoolean()).isTrue();

        // Passport revokes the sessions and tells the gateway through Kafka: the old token stops working.
        ServiceProbe.Response old = awaitStatus("/api/auth/me", user.accessToken(), 401);
        assertThat(old.status()).as(old.body()).isEqualTo(401);
        ServiceProbe.Response newPassword = gateway.post("/api/auth/login",
                "{\"email\":\"%s\",\"password\":\"Reset-by-admin1\"}".formatted(user.email()));
        assertThat(newPassword.status()).as(newPassword.body()).isEqualTo(200);

        ServiceProbe.Response audit = gateway.get("/admin/audit?target=" + user.userId(), bearer(adminToken));
        assertThat(audit.status()).as(audit.body()).isEqualTo(200);
        JsonNode entry = audit.json().get("data").get("entries").get(0);
        assertThat(entry.get("action").asString()).isEqualTo("user.reset_password");
        assertThat(audit.body()).doesNotContain("Reset-by-admin1");
    }

    @Test
    void shouldLetAnAdministratorEditDisableAndEnableAUser() {
        String adminToken = adminLogin().json().get("data").get("access_token").asString();
        Account user = register("disable-me");

        ServiceProbe.Response edited = gateway.patch("/admin/users/" + user.userId(), "{\"nickname\":\"Renamed\"}",
                bearer(adminToken));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().get("data").get("user").get("nickname").asString()).isEqualTo("Renamed");

        assertThat(gateway.get("/api/auth/me", bearer(user.accessToken())).status()).isEqualTo(200);
        ServiceProbe.Response disabled = gateway.post("/admin/users/" + user.userId() + "/disable", "{}", bearer(adminToken));
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);

        // Disabling ends the user's sessions; the gateway learns it through Kafka and refuses the token.
        ServiceProbe.Response old = awaitStatus("/api/auth/me", user.accessToken(), 401);
        assertThat(old.status()).as(old.body()).isEqualTo(401);
        String credentials = "{\"email\":\"%s\",\"password\":\"secure-password1\"}".formatted(user.email());
        ServiceProbe.Response whileDisabled = gateway.post("/api/auth/login", credentials);
        assertThat(whileDisabled.status()).as(whileDisabled.body()).isNotEqualTo(200);

        ServiceProbe.Response enabled = gateway.post("/admin/users/" + user.userId() + "/enable", "{}", bearer(adminToken));
        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
        ServiceProbe.Response again = gateway.post("/api/auth/login", credentials);
        assertThat(again.status()).as(again.body()).isEqualTo(200);

        ServiceProbe.Response audit = gateway.get("/admin/audit?target=" + user.userId(), bearer(adminToken));
        assertThat(audit.json().get("data").get("entries").valueStream().map(entry -> entry.get("action").asString()))
                .containsExactly("user.enable", "user.disable", "user.update");
    }

    @Test
    void shouldShowAnAdministratorThatAUserLoggedIn() {
        String adminToken = adminLogin().json().get("data").get("access_token").asString();
        Account user = register("active");
        ServiceProbe.Response login = gateway.post("/api/auth/login",
                "{\"email\":\"%s\",\"password\":\"secure-password1\"}".formatted(user.email()));
        assertThat(login.status()).as(login.body()).isEqualTo(200);

        // Passport's outbox, Kafka, then admin-service's own consumer group: eventually, within a bound.
        String path = "/admin/users/" + user.userId() + "/activity";
        long deadline = System.nanoTime() + ACTIVITY.toNanos();
        ServiceProbe.Response activity = gateway.get(path, bearer(adminToken));
        while (!typesIn(activity).contains("logged_in") && System.nanoTime() < deadline) {
            GatewaySuite.sleep(Duration.ofMillis(250));
            activity = gateway.get(path, bearer(adminToken));
        }

        assertThat(activity.status()).as(activity.body()).isEqualTo(200);
        assertThat(typesIn(activity)).as(activity.body()).contains("logged_in");
        assertThat(gateway.get(path, bearer(user.accessToken())).status()).isEqualTo(403);
    }

    private static List<String> typesIn(ServiceProbe.Response activity) {
        if (activity.status() != 200) {
            return List.of();
        }
        return activity.json().get("data").get("activity").valueStream().map(entry -> entry.get("type").asString()).toList();
    }

    @Test
    void shouldKeepUsersAndAnonymousClientsOut() {
        Account user = register("not-an-admin");

        ServiceProbe.Response asUser = gateway.get("/admin/users", bearer(user.accessToken()));
        ServiceProbe.Response anonymous = gateway.get("/admin/users");
        ServiceProbe.Response spoofed = gateway.get("/admin/users", "X-Passport-User-Id", user.userId(),
                "X-Passport-User-Role", "9", "X-Passport-App-Id", "default",
                "X-Passport-Internal-Credential", GatewaySuite.INTERNAL_CREDENTIAL);
        ServiceProbe.Response userLogsIn = gateway.post("/admin/auth/login",
                "{\"identifier\":\"%s\",\"password\":\"secure-password1\"}".formatted(user.email()));

        assertThat(asUser.status()).as(asUser.body()).isEqualTo(403);
        assertThat(anonymous.status()).as(anonymous.body()).isEqualTo(401);
        assertThat(spoofed.status()).as(spoofed.body()).isEqualTo(401);
        assertThat(userLogsIn.status()).as(userLogsIn.body()).isEqualTo(401);
        assertThat(userLogsIn.json().get("error_code").asString()).isEqualTo("ADMIN_LOGIN_FAILED");
    }

    @Test
    void shouldRefuseAWrongPasswordAsAFailedAdminLogin() {
        ServiceProbe.Response wrong = gateway.post("/admin/auth/login",
                "{\"identifier\":\"%s\",\"password\":\"not-the-password1\"}".formatted(GatewaySuite.ADMIN_USERNAME));

        assertThat(wrong.status()).as(wrong.body()).isEqualTo(401);
        assertThat(wrong.json().get("success").asBoolean()).isFalse();
        assertThat(wrong.json().get("error_code").asString()).isEqualTo("ADMIN_LOGIN_FAILED");
    }

    @Test
    void shouldLockAnAdministratorOutAfterTenFailedLoginsAsAUserIsLockedOut() throws Exception {
        String adminToken = adminLogin().json().get("data").get("access_token").asString();
        Account second = register("second-admin");
        ServiceProbe.Response promoted = gateway.post("/admin/admins", "{\"user_id\":\"%s\"}".formatted(second.userId()),
                bearer(adminToken));
        assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
        String wrong = "{\"identifier\":\"%s\",\"password\":\"not-the-password1\"}".formatted(second.email());
        String right = "{\"identifier\":\"%s\",\"password\":\"secure-password1\"}".formatted(second.email());

        for (int attempt = 1; attempt <= 10; attempt++) {
            ServiceProbe.Response failed = gateway.post("/admin/auth/login", wrong);
            assertThat(failed.status()).as("attempt " + attempt + ": " + failed.body()).isEqualTo(401);
            assertThat(failed.json().get("error_code").asString()).isEqualTo("ADMIN_LOGIN_FAILED");
        }

        // The account's window is spent: even the right password waits, on this surface and on the chat one.
        java.net.http.HttpResponse<String> locked = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + suite.gatewayPort + "/admin/auth/login"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(right)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(locked.statusCode()).as(locked.body()).isEqualTo(429);
        assertThat(locked.body()).contains("\"error_code\":\"RATE_LIMITED\"");
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
        ServiceProbe.Response chat = gateway.post("/api/auth/login",
                "{\"email\":\"%s\",\"password\":\"secure-password1\"}".formatted(second.email()));
        assertThat(chat.status()).as(chat.body()).isEqualTo(429);
        // Another administrator is not affected.
        assertThat(adminLogin().status()).isEqualTo(200);
    }

    private record Account(String userId, String email, String accessToken) {
    }

    private static Account register(String name) {
        String email = name + "-" + UUID.randomUUID() + "@example.com";
        ServiceProbe.Response registered = gateway.post("/api/auth/register",
                "{\"email\":\"%s\",\"password\":\"secure-password1\"}".formatted(email));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String accessToken = registered.json().get("accessToken").asString();
        ServiceProbe.Response me = gateway.get("/api/auth/me", bearer(accessToken));
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        return new Account(userIdOf(me.json()), email, accessToken);
    }

    private static String userIdOf(JsonNode me) {
        JsonNode user = me.has("user") ? me.get("user") : me;
        return user.get("id").asString();
    }

    private static ServiceProbe.Response adminLogin() {
        ServiceProbe.Response login = gateway.post("/admin/auth/login", "{\"identifier\":\"%s\",\"password\":\"%s\"}"
                .formatted(GatewaySuite.ADMIN_USERNAME, GatewaySuite.ADMIN_PASSWORD));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(login.json().get("data").get("admin").get("role").asInt()).isEqualTo(9);
        return login;
    }

    /** Polls the login until a service answers it (not the gateway's 503 for a route with no instance yet). */
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

    private static ServiceProbe.Response awaitStatus(String path, String token, int status) {
        long deadline = System.nanoTime() + EVENTUAL.toNanos();
        ServiceProbe.Response response = gateway.get(path, bearer(token));
        while (response.status() != status && System.nanoTime() < deadline) {
            GatewaySuite.sleep(Duration.ofMillis(50));
            response = gateway.get(path, bearer(token));
        }
        return response;
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }
}
