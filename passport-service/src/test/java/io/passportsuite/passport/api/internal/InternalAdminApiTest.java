package io.passportsuite.passport.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.common.web.SuiteHeaders;
import io.passportsuite.passport.api.Apps;
import io.passportsuite.passport.api.Http;
import io.passportsuite.passport.app.AppAdministration;
import io.passportsuite.passport.app.PasswordPolicy;
import io.passportsuite.passport.password.PasswordHasher;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ADMIN_BOOTSTRAP_USERNAME=operator", "ADMIN_BOOTSTRAP_PASSWORD=operator-pass-2026"})
@RealInfrastructure
class InternalAdminApiTest {

    private static final String CREDENTIAL = "test-credential-5mJx8Qw2Lr7Vb4Nc9Zk1Hp6Td3";

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private AppAdministration administration;

    @MockitoSpyBean
    private PasswordHasher passwords;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void shouldLogTheBootstrappedAdministratorIn() {
        Http.Response in = adminLogin("operator", "operator-pass-2026");

        assertThat(in.status()).as(in.toString()).isEqualTo(200);
        JsonNode admin = in.json().get("admin");
        assertThat(admin.get("username").asString()).isEqualTo("operator");
        assertThat(admin.get("nickname").asString()).isEqualTo("operator");
        assertThat(admin.get("role").asInt()).isEqualTo(9);
        assertThat(in.text("refresh_token")).isNotBlank();
        long expiresAt = in.json().get("expires_at").asLong();
        assertThat(expiresAt).isBetween(System.currentTimeMillis(), System.currentTimeMillis() + 3_600_000);

        Http.Response validated = validate(in.text("access_token"));
        assertThat(validated.status()).isEqualTo(200);
        assertThat(validated.json().get("role").asInt()).isEqualTo(9);
        assertThat(validated.text("user_id")).isEqualTo(admin.get("id").asString());
        assertThat(jdbc.sql("SELECT client_ip FROM auth_session WHERE user_id = CAST(:id AS uuid)")
                .param("id", admin.get("id").asString()).query(String.class).single()).isEqualTo("198.51.100.9");
    }

    @Test
    void shouldAnswerEveryFailedAdminLoginAlike() {
        String userId = register("plain-user@example.com", "plain-pass-2026").json().get("user").get("id").asString();
        String disabledId = register("gone-admin@example.com", "gone-pass-2026").json().get("user").get("id").asString();
        jdbc.sql("UPDATE app_user SET role = 9 WHERE id = CAST(:id AS uuid)").param("id", disabledId).update();
        assertThat(http.post("/internal/apps/default/users/" + disabledId + "/disable", null,
                SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL).status()).isEqualTo(204);

        List<Http.Response> failures = new ArrayList<>();
        List<String> tried = List.of("operator", "wrong-pass-2026", "nobody-here", "operator-pass-2026",
                "plain-user@example.com", "plain-pass-2026", "gone-admin@example.com", "gone-pass-2026");
        for (int i = 0; i < tried.size(); i += 2) {
            Mockito.clearInvocations(passwords);
            failures.add(adminLogin(tried.get(i), tried.get(i + 1)));
            // One password check each, against the account's hash or the dummy one: all cost the same.
            assertThat(Mockito.mockingDetails(passwords).getInvocations()).as(tried.get(i))
                    .filteredOn(call -> call.getMethod().getName().startsWith("verify")).hasSize(1);
        }

        for (Http.Response failure : failures) {
            assertThat(failure.status()).as(failure.toString()).isEqualTo(401);
            assertThat(failure.body()).isEqualTo(failures.getFirst().body());
        }
        assertThat(failures.getFirst().text("error")).isEqualTo("INVALID_CREDENTIALS");
        assertThat(jdbc.sql("SELECT count(*) FROM auth_session WHERE user_id = CAST(:id AS uuid)").param("id", userId)
                .query(Long.class).single()).as("the user's own registration session only").isEqualTo(1);
    }

    @Test
    void shouldPageThroughTheAppsUsersOldestFirst() {
        Apps.TestApp app = Apps.create(administration, PasswordPolicy.DEFAULT);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(registerIn(app, "paged" + i + "@example.com"));
        }
        jdbc.sql("UPDATE app_user SET avatar_url = 'https://example.com/a.png' WHERE id = CAST(:id AS uuid)").param("id", ids.get(0)).update();

        Http.Response first = http.get("/internal/apps/" + app.appId() + "/users?limit=2", SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
        Http.Response rest = http.get("/internal/apps/" + app.appId() + "/users?limit=10&offset=2", SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
        Http.Response defaults = http.get("/internal/apps/" + app.appId() + "/users", SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().get("limit").asInt()).isEqualTo(2);
        assertThat(first.json().get("offset").asInt()).isEqualTo(0);
        assertThat(first.json().get("total").asInt()).isEqualTo(5);
        List<String> seen = new ArrayList<>();
        first.json().get("users").forEach(user -> seen.add(user.get("id").asString()));
        rest.json().get("users").forEach(user -> seen.add(user.get("id").asString()));
        assertThat(seen).containsExactlyElementsOf(ids);
        assertThat(defaults.json().get("limit").asInt()).isEqualTo(100);
        assertThat(defaults.json().get("users")).hasSize(5);

        JsonNode user = first.json().get("users").get(0);
        assertThat(user.propertyNames()).containsExactlyInAnyOrder("id", "username", "nickname", "email", "email_verified",
                "phone", "avatar_url", "role", "created_at", "updated_at");
        assertThat(user.get("email").asString()).isEqualTo("paged0@example.com");
        assertThat(user.get("avatar_url").asString()).isEqualTo("https://example.com/a.png");
        assertThat(user.get("role").asInt()).isEqualTo(1);
        assertThat(user.get("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }

    @Test
    void shouldRefuseBadPagingAndAnswerUnknownUsersAs404() {
        Apps.TestApp app = Apps.create(administration, PasswordPolicy.DEFAULT);
        String otherAppsUser = registerIn(Apps.create(administration, PasswordPolicy.DEFAULT), "elsewhere@example.com");
        String base = "/internal/apps/" + app.appId() + "/users";

        for (String query : List.of("?limit=0", "?limit=1001", "?offset=-1", "?limit=ten", "?offset=x")) {
            Http.Response bad = http.get(base + query, SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
            assertThat(bad.status()).as(query + " " + bad).isEqualTo(400);
            assertThat(bad.text("error")).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(http.get(base + "?limit=1000", SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL).status()).isEqualTo(200);
        assertThat(http.get("/internal/apps/no-such-app/users", SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL).status()).isEqualTo(404);

        for (String id : List.of(otherAppsUser, "00000000-0000-0000-0000-000000000000", "1")) {
            Http.Response missing = http.get(base + "/" + id, SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
            assertThat(missing.status()).as(id + " " + missing).isEqualTo(404);
            assertThat(missing.text("error")).isEqualTo("USER_NOT_FOUND");
            assertThat(http.post(base + "/" + id + "/reset-password", "{\"new_password\":\"fresh-pass-2026\"}",
                    SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL).status()).isEqualTo(404);
        }
        Http.Response found = http.get("/internal/apps/" + otherAppsAppOf(otherAppsUser) + "/users/" + otherAppsUser,
                SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.json().get("user").get("email").asString()).isEqualTo("elsewhere@example.com");
    }

    @Test
    void shouldResetAPasswordByThePolicyAndEndEverySessionOfTheUser() {
        Http.Response registered = register("reset-me@example.com", "first-pass-2026");
        String userId = registered.json().get("user").get("id").asString();
        String oldToken = registered.json().get("accessToken").asString();
        String path = "/internal/apps/default/users/" + userId + "/reset-password";

        Http.Response weak = http.post(path, "{\"new_password\":\"short1\"}", SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
        Http.Response noDigit = http.post(path, "{\"new_password\":\"lettersonly\"}", SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
        assertThat(weak.status()).as(weak.toString()).isEqualTo(400);
        assertThat(weak.text("message")).isEqualTo("password must be 8-128 characters");
        assertThat(noDigit.status()).isEqualTo(400);
        assertThat(noDigit.text("message")).isEqualTo("password must contain a letter and a digit");
        assertThat(validate(oldToken).status()).isEqualTo(200);

        Http.Response reset = http.post(path, "{\"new_password\":\"second-pass-2026\"}", SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);

        assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
        assertThat(reset.body()).isEqualTo("{}");
        assertThat(validate(oldToken).status()).isEqualTo(401);
        assertThat(http.post("/api/auth/login", "{\"email\":\"reset-me@example.com\",\"password\":\"first-pass-2026\"}").status())
                .isEqualTo(401);
        assertThat(http.post("/api/auth/login", "{\"email\":\"reset-me@example.com\",\"password\":\"second-pass-2026\"}").status())
                .isEqualTo(200);
    }

    @Test
    void shouldRefuseEveryEndpointWithoutTheInternalCredential() {
        String id = "00000000-0000-0000-0000-000000000000";
        List<Http.Response> refused = List.of(
                http.post("/internal/admin/sessions", "{\"identifier\":\"operator\",\"password\":\"operator-pass-2026\"}"),
                http.get("/internal/apps/default/users"),
                http.get("/internal/apps/default/users/" + id),
                http.post("/internal/apps/default/users/" + id + "/reset-password", "{\"new_password\":\"fresh-pass-2026\"}"),
                http.post("/internal/admin/sessions", "{\"identifier\":\"operator\",\"password\":\"operator-pass-2026\"}",
                        SuiteHeaders.INTERNAL_CREDENTIAL, "guess"),
                http.get("/internal/apps/default/users", SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL,
                        SuiteHeaders.CLIENT_IP, "203.0.113.7"));
        assertThat(refused).allSatisfy(response -> assertThat(response.status()).as(response.toString()).isEqualTo(403));
    }

    private Http.Response adminLogin(String identifier, String password) {
        return http.post("/internal/admin/sessions", """
                {"identifier":"%s","password":"%s","clientIp":"198.51.100.9"}
                """.formatted(identifier, password), SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
    }

    private Http.Response validate(String token) {
        return http.post("/internal/tokens/validate", "{\"token\":\"" + token + "\"}", SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
    }

    private Http.Response register(String email, String password) {
        Http.Response registered = http.post("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        assertThat(registered.status()).as(registered.toString()).isIn(200, 201);
        return registered;
    }

    private String registerIn(Apps.TestApp app, String email) {
        Http.Response registered = http.post("/auth/v1/register", """
                {"nickname":"n","password":"password123","contact_type":"email","contact":"%s","app_id":"%s"}
                """.formatted(email, app.appId()), "Authorization", app.authorization());
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return registered.text("userId");
    }

    private String otherAppsAppOf(String userId) {
        return jdbc.sql("SELECT app_id FROM app_user WHERE id = CAST(:id AS uuid)").param("id", userId).query(String.class).single();
    }
}
