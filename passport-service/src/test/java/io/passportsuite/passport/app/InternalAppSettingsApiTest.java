package io.passportsuite.passport.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.common.web.SuiteHeaders;
import io.passportsuite.passport.api.Http;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Listing apps and changing their settings through the internal API, and the change reaching the app's API calls. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class InternalAppSettingsApiTest {

    private static final String CREDENTIAL = "test-credential-5mJx8Qw2Lr7Vb4Nc9Zk1Hp6Td3";

    @LocalServerPort
    private int port;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void shouldListAppsWithTheirSettingsPageByPage() {
        create("list-a");
        create("list-b");

        Http.Response first = internal("GET", "/internal/apps?limit=1&offset=0", null);
        Http.Response all = internal("GET", "/internal/apps", null);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().get("apps")).hasSize(1);
        assertThat(first.json().get("limit").asInt()).isEqualTo(1);
        assertThat(first.json().get("total").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(all.json().get("limit").asInt()).isEqualTo(100);
        List<String> ids = all.json().get("apps").valueStream().map(app -> app.get("app_id").asString()).toList();
        assertThat(ids).contains("default", "list-a", "list-b").isSorted();
        JsonNode listA = all.json().get("apps").valueStream().filter(app -> app.get("app_id").asString().equals("list-a"))
                .findFirst().orElseThrow();
        assertThat(listA.get("password_min_length").asInt()).isEqualTo(6);
        assertThat(listA.get("access_token_ttl_seconds").asLong()).isEqualTo(900);
        for (String query : List.of("limit=0", "limit=1001", "offset=-1", "limit=abc")) {
            Http.Response refused = internal("GET", "/internal/apps?" + query, null);
            assertThat(refused.status()).as(query).isEqualTo(400);
        }
    }

    @Test
    void shouldChangeOnlyTheNamedSettingsAndAnswerBeforeAndAfter() {
        create("patched");

        Http.Response changed = internal("PATCH", "/internal/apps/patched", """
                {"name":"Patched Game","access_token_ttl_seconds":3600,"login_methods":["password","github"],
                 "register_captcha_required":true}""");

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        JsonNode before = changed.json().get("before");
        JsonNode after = changed.json().get("after");
        assertThat(before.get("name").asString()).isEqualTo("Patched");
        assertThat(before.get("access_token_ttl_seconds").asLong()).isEqualTo(900);
        assertThat(after.get("name").asString()).isEqualTo("Patched Game");
        assertThat(after.get("access_token_ttl_seconds").asLong()).isEqualTo(3600);
        assertThat(after.get("login_methods").valueStream().map(JsonNode::asString)).containsExactly("github", "password");
        assertThat(after.get("register_captcha_required").asBoolean()).isTrue();
        assertThat(after.get("password_min_length").asInt()).isEqualTo(6);
        Http.Response read = internal("GET", "/internal/apps/patched", null);
        assertThat(read.json()).isEqualTo(after);
    }

    @Test
    void shouldRefuseSettingsOutOfBoundsWithTheReasonAndChangeNothing() {
        create("bounded");
        List<String> refusals = List.of(
                "{\"access_token_ttl_seconds\":59}",
                "{\"access_token_ttl_seconds\":86401}",
                "{\"refresh_token_ttl_seconds\":600,\"access_token_ttl_seconds\":3600}",
                "{\"login_methods\":[\"password\",\"fax\"]}",
                "{\"login_methods\":[]}",
                "{\"login_methods\":[null]}",
                "{\"password_min_length\":20,\"password_max_length\":10}",
                "{\"password_max_length\":129}",
                "{\"name\":\" \"}",
                "{\"access_token_ttl_seconds\":\"soon\"}",
                "[1]");
        for (String body : refusals) {
            Http.Response refused = internal("PATCH", "/internal/apps/bounded", body);
            assertThat(refused.status()).as(body + " " + refused).isEqualTo(400);
            assertThat(refused.text("message")).as(body).isNotBlank();
        }
        assertThat(internal("PATCH", "/internal/apps/bounded", "{\"access_token_ttl_seconds\":59}").text("message"))
                .isEqualTo("access token lifetime must be 60-86400 seconds");
        assertThat(internal("PATCH", "/internal/apps/bounded", "{\"refresh_token_ttl_seconds\":600,\"access_token_ttl_seconds\":3600}")
                .text("message")).isEqualTo("refresh token lifetime must be at least the access token lifetime");
        Http.Response unchanged = internal("GET", "/internal/apps/bounded", null);
        assertThat(unchanged.json().get("access_token_ttl_seconds").asLong()).isEqualTo(900);
        assertThat(unchanged.json().get("login_methods")).hasSize(2);

        Http.Response unknown = internal("PATCH", "/internal/apps/nope", "{\"name\":\"x\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("error")).isEqualTo("UNKNOWN_APP");
        assertThat(http.patch("/internal/apps/bounded", "{\"name\":\"x\"}").status()).isEqualTo(403);
    }

    @Test
    void shouldRefuseToTakeThePasswordLoginFromThePlatformAppWhichAdministratorsUse() {
        Http.Response before = internal("GET", "/internal/apps/default", null);

        for (String methods : List.of("[\"github\"]", "[\"email_code\"]", "[\"github\",\"email_code\"]")) {
            Http.Response refused = internal("PATCH", "/internal/apps/default", "{\"login_methods\":" + methods + "}");
            assertThat(refused.status()).as(methods + " " + refused).isEqualTo(400);
            assertThat(refused.text("message"))
                    .isEqualTo("login_methods of the platform app must include password: administrators log in with it");
        }

        assertThat(internal("GET", "/internal/apps/default", null).json()).isEqualTo(before.json());
        // Any other app may do without passwords.
        create("github-only");
        Http.Response other = internal("PATCH", "/internal/apps/github-only", "{\"login_methods\":[\"github\"]}");
        assertThat(other.status()).as(other.toString()).isEqualTo(200);
    }

    @Test
    void shouldRefuseANewAppWithANullOrUnknownLoginMethodAsBadInput() {
        for (String methods : List.of("[null]", "[\"password\",null]", "[\"fax\"]")) {
            Http.Response refused = internal("POST", "/internal/apps", """
                    {"app_id":"methods-app","name":"Methods","login_methods":%s}""".formatted(methods));
            assertThat(refused.status()).as(methods + " " + refused).isEqualTo(400);
        }
        assertThat(internal("GET", "/internal/apps/methods-app", null).status()).isEqualTo(404);
    }

    @Test
    void shouldApplyANewPasswordPolicyToTheNextCallWithTheAppsKey() {
        create("policy");
        String key = internal("POST", "/internal/apps/policy/api-keys", "{\"label\":\"backend\"}").text("api_key");
        assertThat(register(key, "first@example.com", "abcdef").status()).isEqualTo(201);

        Http.Response changed = internal("PATCH", "/internal/apps/policy", "{\"password_min_length\":10}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);

        // The app was just read with this key and cached; the change is seen at once all the same.
        Http.Response refused = register(key, "second@example.com", "abcdefg");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(register(key, "third@example.com", "abcdefghij").status()).isEqualTo(201);
    }

    @Test
    void shouldIssueTheNextRefreshedAccessTokenWithTheLifetimeJustSet() {
        Http.Response registered = http.post("/api/auth/register", """
                {"email":"lifetime-%s@example.com","password":"secure-password1"}""".formatted(UUID.randomUUID()));
        assertThat(registered.json().has("refreshToken")).as(registered.toString()).isTrue();
        // The first refresh reads the default app, and keeps it for a few seconds.
        Http.Response first = http.post("/api/auth/refresh", "{\"refreshToken\":\"" + registered.text("refreshToken") + "\"}");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        int current = internal("GET", "/internal/apps/default", null).json().get("access_token_ttl_seconds").asInt();
        int changedTo = current == 600 ? 700 : 600;
        try {
            Http.Response changed = internal("PATCH", "/internal/apps/default", "{\"access_token_ttl_seconds\":" + changedTo + "}");
            assertThat(changed.status()).as(changed.toString()).isEqualTo(200);

            Http.Response second = http.post("/api/auth/refresh", "{\"refreshToken\":\"" + first.text("refreshToken") + "\"}");

            assertThat(second.status()).as(second.toString()).isEqualTo(200);
            assertThat(lifetimeOf(second.text("accessToken"))).as("the lifetime set, at once on this replica").isEqualTo(changedTo);
        } finally {
            internal("PATCH", "/internal/apps/default", "{\"access_token_ttl_seconds\":" + current + "}");
        }
    }

    private static long lifetimeOf(String accessToken) {
        JsonNode claims = JsonMapper.shared().readTree(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]));
        return claims.get("exp").asLong() - claims.get("iat").asLong();
    }

    private Http.Response register(String key, String email, String password) {
        return http.post("/auth/v1/register", """
                {"nickname":"n","password":"%s","contact_type":"email","contact":"%s","app_id":"policy"}
                """.formatted(password, email), "Authorization", Http.bearer(key));
    }

    private void create(String appId) {
        String name = Character.toUpperCase(appId.charAt(0)) + appId.substring(1);
        Http.Response created = internal("POST", "/internal/apps", """
                {"app_id":"%s","name":"%s","password_min_length":6,"password_letter_and_digit":false}""".formatted(appId, name));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    private Http.Response internal(String method, String path, String body) {
        return http.send(method, path, body, SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
    }
}
