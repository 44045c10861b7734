package io.passportsuite.passport.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.common.web.SuiteHeaders;
import io.passportsuite.passport.api.Apps;
import io.passportsuite.passport.api.Http;
import io.passportsuite.passport.app.AppAdministration;
import io.passportsuite.passport.app.PasswordPolicy;
import tools.jackson.databind.JsonNode;

/** What an operator does to a user through the internal API: edit, disable and enable, look at and end sessions. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class InternalUserOperationsApiTest {

    private static final String CREDENTIAL = "test-credential-5mJx8Qw2Lr7Vb4Nc9Zk1Hp6Td3";

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private AppAdministration administration;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void shouldEditAnAccountUnderTheRulesOfProfileAndRegistrationAndAnswerBeforeAndAfter() {
        JsonNode registered = register("edit-me@example.com", "edit-pass-2026");
        String id = registered.get("user").get("id").asString();
        register("taken@example.com", "taken-pass-2026");
        jdbc.sql("UPDATE app_user SET email_verified = TRUE WHERE id = CAST(:id AS uuid)").param("id", id).update();

        Http.Response edited = patch(id, """
                {"username":"edited_name","nickname":"  Edited  ","email":"New.Address@Example.com","phone":"+8613800138001",
                 "avatar_url":"https://example.com/me.png","role":9}
                """);

        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        JsonNode before = edited.json().get("before");
        JsonNode after = edited.json().get("after");
        assertThat(before.get("email").asString()).isEqualTo("edit-me@example.com");
        assertThat(before.get("email_verified").asBoolean()).isTrue();
        assertThat(before.get("role").asInt()).isEqualTo(1);
        assertThat(after.get("username").asString()).isEqualTo("edited_name");
        assertThat(after.get("nickname").asString()).isEqualTo("Edited");
        assertThat(after.get("email").asString()).isEqualToIgnoringCase("new.address@example.com");
        assertThat(after.get("email_verified").asBoolean()).as("nobody proved the new address").isFalse();
        assertThat(after.get("phone").asString()).isEqualTo("+8613800138001");
        assertThat(after.get("avatar_url").asString()).isEqualTo("https://example.com/me.png");
        assertThat(after.get("role").asInt()).isEqualTo(9);
        assertThat(validate(registered.get("accessToken").asString()).status()).as("a new role ends the sessions").isEqualTo(401);
        assertThat(outboxCount(id, "user.profile-updated")).isEqualTo(1);
        // Readers (asset-service's housekeeping) tell an operator's change from the user's own.
        assertThat(jdbc.sql("SELECT envelope -> 'payload' ->> 'changedBy' FROM outbox_event WHERE event_key = :id AND event_type = :type")
                .param("id", id).param("type", "user.profile-updated").query(String.class).single()).isEqualTo("operator");

        Http.Response removed = patch(id, "{\"phone\":null,\"avatar_url\":null}");
        assertThat(removed.json().get("after").get("phone").isNull()).isTrue();
        assertThat(removed.json().get("after").get("avatar_url").isNull()).isTrue();
        assertThat(removed.json().get("after").get("username").asString()).isEqualTo("edited_name");

        List<List<String>> refused = List.of(
                List.of("{\"email\":\"TAKEN@example.com\"}", "409", "email already registered"),
                List.of("{\"username\":\"bad name\"}", "400", "username must be 1-50 letters, digits or underscores"),
                List.of("{\"username\":null}", "400", "username must be 1-50 letters, digits or underscores"),
                List.of("{\"nickname\":\"\"}", "400", "nickname must be 1-50 characters"),
                List.of("{\"email\":\"not-an-address\"}", "400", "email is not a valid email address"),
                List.of("{\"phone\":\"12345\"}", "400", "phone must be an international phone number such as +8613800138000"),
                List.of("{\"avatar_url\":\"javascript:alert(1)\"}", "400", "avatar must be an http(s) URL of at most 2048 characters"),
                List.of("{\"role\":5}", "400", "role must be 1 (user) or 9 (administrator)"),
                List.of("{\"role\":\"9\"}", "400", "role must be an integer"),
                List.of("{\"role\":1.5}", "400", "role must be an integer"),
                List.of("[1]", "400", "request body must be a JSON object"));
        for (List<String> bad : refused) {
            Http.Response answer = patch(id, bad.get(0));
            assertThat(answer.status()).as(bad.get(0) + " " + answer).isEqualTo(Integer.parseInt(bad.get(1)));
            assertThat(answer.text("message")).isEqualTo(bad.get(2));
        }
        assertThat(patch(id, "{\"username\":\"EDITED_NAME\"}").status()).as("its own name in another case").isEqualTo(200);
    }

    @Test
    void shouldDisableAndEnableAnAccount() {
        JsonNode registered = register("on-off@example.com", "on-off-pass-2026");
        String id = registered.get("user").get("id").asString();

        assertThat(action(id, "disable").status()).isEqualTo(204);
        assertThat(validate(registered.get("accessToken").asString()).status()).isEqualTo(401);
        assertThat(login("on-off@example.com", "on-off-pass-2026").status()).isNotEqualTo(200);
        assertThat(outboxCount(id, "user.disabled")).isEqualTo(1);
        assertThat(list("disabled=true")).contains(id);

        assertThat(action(id, "enable").status()).isEqualTo(204);
        assertThat(action(id, "enable").status()).as("enabling twice is enabled").isEqualTo(204);
        assertThat(validate(registered.get("accessToken").asString()).status()).as("ended sessions stay ended").isEqualTo(401);
        assertThat(login("on-off@example.com", "on-off-pass-2026").status()).isEqualTo(200);
        assertThat(list("disabled=true")).doesNotContain(id);
    }

    @Test
    void shouldListAUsersLiveSessionsAndEndOne() {
        JsonNode registered = register("sessions@example.com", "sessions-pass-2026");
        String id = registered.get("user").get("id").asString();
        String kept = registered.get("accessToken").asString();
        String ended = login("sessions@example.com", "sessions-pass-2026").json().get("accessToken").asString();

        Http.Response listed = http.get("/internal/apps/default/users/" + id + "/sessions", SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(listed.json().get("total").asInt()).isEqualTo(2);
        JsonNode newest = listed.json().get("sessions").get(0);
        assertThat(newest.propertyNames()).containsExactlyInAnyOrder("id", "login_method", "created_at", "last_used_at", "expires_at",
                "client_ip", "user_agent");
        String sessionId = newest.get("id").asString();
        String otherUsers = register("someone-else@example.com", "someone-pass-2026").get("user").get("id").asString();

        assertThat(endSession(otherUsers, sessionId).status()).as("another user's session").isEqualTo(404);
        assertThat(endSession(id, "not-a-session").status()).isEqualTo(404);
        assertThat(validate(ended).status()).isEqualTo(200);
        assertThat(endSession(id, sessionId).status()).isEqualTo(204);
        assertThat(endSession(id, sessionId).status()).as("ended is ended").isEqualTo(204);

        assertThat(validate(ended).status()).isEqualTo(401);
        assertThat(validate(kept).status()).isEqualTo(200);
        assertThat(http.get("/internal/apps/default/users/" + id + "/sessions", SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL)
                .json().get("total").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM outbox_event WHERE event_key = :id AND event_type = 'user.session-revoked'")
                .param("id", id).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void shouldAnswerAnotherAppsUserAs404OnEveryAction() {
        Apps.TestApp app = Apps.create(administration, PasswordPolicy.DEFAULT);
        String stranger = register("stranger@example.com", "stranger-pass-2026").get("user").get("id").asString();
        String base = "/internal/apps/" + app.appId() + "/users/" + stranger;
        List<Http.Response> answers = List.of(
                http.patch(base, "{\"nickname\":\"x\"}", SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL),
                http.post(base + "/disable", null, SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL),
                http.post(base + "/enable", null, SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL),
                http.get(base + "/sessions", SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL),
                http.send("DELETE", base + "/sessions/00000000-0000-0000-0000-000000000000", null,
                        SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL),
                http.post("/internal/apps/default/users/not-a-uuid/disable", null, SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL));
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
            assertThat(answer.text("error")).isEqualTo("USER_NOT_FOUND");
        });
        assertThat(jdbc.sql("SELECT nickname <> 'x' AND status = 'active' FROM app_user WHERE id = CAST(:id AS uuid)")
                .param("id", stranger).query(Boolean.class).single()).as("untouched").isTrue();
    }

    @Test
    void shouldRefuseTheNewActionsWithoutTheInternalCredential() {
        String id = register("guarded@example.com", "guarded-pass-2026").get("user").get("id").asString();
        String base = "/internal/apps/default/users/" + id;
        List<Http.Response> refused = List.of(
                http.patch(base, "{\"role\":9}"),
                http.post(base + "/enable", null),
                http.get(base + "/sessions"),
                http.send("DELETE", base + "/sessions/00000000-0000-0000-0000-000000000000", null),
                http.patch(base, "{\"role\":9}", SuiteHeaders.INTERNAL_CREDENTIAL, "guess"),
                http.get("/internal/apps/default/users?q=guarded", SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL,
                        SuiteHeaders.CLIENT_IP, "203.0.113.7"));
        assertThat(refused).allSatisfy(response -> assertThat(response.status()).as(response.toString()).isEqualTo(403));
        assertThat(jdbc.sql("SELECT role FROM app_user WHERE id = CAST(:id AS uuid)").param("id", id).query(Integer.class).single())
                .isEqualTo(1);
    }

    private Http.Response patch(String id, String body) {
        return http.patch("/internal/apps/default/users/" + id, body, SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
    }

    private Http.Response action(String id, String action) {
        return http.post("/internal/apps/default/users/" + id + "/" + action, null, SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
    }

    private Http.Response endSession(String userId, String sessionId) {
        return http.send("DELETE", "/internal/apps/default/users/" + userId + "/sessions/" + sessionId, null,
                SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
    }

    private List<String> list(String query) {
        JsonNode page = http.get("/internal/apps/default/users?limit=1000&" + query, SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL).json();
        return page.get("users").valueStream().map(user -> user.get("id").asString()).toList();
    }

    private Http.Response validate(String token) {
        return http.post("/internal/tokens/validate", "{\"token\":\"" + token + "\"}", SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
    }

    private Http.Response login(String email, String password) {
        return http.post("/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }

    private long outboxCount(String aggregateId, String type) {
        return jdbc.sql("SELECT count(*) FROM outbox_event WHERE event_key = :id AND event_type = :type")
                .param("id", aggregateId).param("type", type).query(Long.class).single();
    }

    private JsonNode register(String email, String password) {
        Http.Response registered = http.post("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        assertThat(registered.status()).as(registered.toString()).isIn(200, 201);
        return registered.json();
    }
}
