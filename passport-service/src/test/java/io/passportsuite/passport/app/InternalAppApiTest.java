package io.passportsuite.passport.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.common.web.SuiteHeaders;
import io.passportsuite.passport.api.Http;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class InternalAppApiTest {

    private static final String CREDENTIAL = "test-credential-5mJx8Qw2Lr7Vb4Nc9Zk1Hp6Td3";

    @LocalServerPort
    private int port;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void shouldCreateAnAppAndManageKeysThatWorkOnTheCanonicalApi() {
        Http.Response created = http.post("/internal/apps", """
                {"app_id":"game-one","name":"Game One","password_min_length":6,"password_max_length":100,"password_letter_and_digit":false}
                """, SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("password_min_length").asInt()).isEqualTo(6);

        Http.Response key = http.post("/internal/apps/game-one/api-keys", "{\"label\":\"backend\"}",
                SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
        assertThat(key.status()).isEqualTo(201);
        String apiKey = key.text("api_key");
        assertThat(apiKey).startsWith(key.text("prefix")).startsWith("psk_");

        Http.Response listed = http.get("/internal/apps/game-one/api-keys", SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
        assertThat(listed.body()).contains(key.text("prefix")).doesNotContain(apiKey);

        Http.Response self = http.get("/internal/api-keys/self", "Authorization", Http.bearer(apiKey),
                SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
        assertThat(self.status()).isEqualTo(200);
        assertThat(self.text("app_id")).isEqualTo("game-one");
        assertThat(http.get("/internal/api-keys/self", "Authorization", "Bearer psk_wrong",
                SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL).text("error")).isEqualTo("INVALID_API_KEY");

        Http.Response registered = http.post("/auth/v1/register", """
                {"nickname":"n","password":"abcdef","contact_type":"email","contact":"k@example.com","app_id":"game-one"}
                """, "Authorization", Http.bearer(apiKey));
        assertThat(registered.status()).isEqualTo(201);

        Http.Response revoked = http.send("DELETE", "/internal/apps/game-one/api-keys/" + key.text("id"), null,
                SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
        assertThat(revoked.status()).isEqualTo(204);
        assertThat(http.get("/auth/v1/users/" + registered.text("userId"), "Authorization", Http.bearer(apiKey)).status())
                .isEqualTo(401);
    }

    @Test
    void shouldCloseTheInternalApiToCallersWithoutTheCredential() {
        assertThat(http.get("/internal/apps/default").status()).isEqualTo(403);
        assertThat(http.get("/internal/apps/default", SuiteHeaders.INTERNAL_CREDENTIAL, "guess").status()).isEqualTo(403);
        assertThat(http.get("/internal/apps/default", SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL).status()).isEqualTo(200);
    }

    @Test
    void shouldRejectInvalidAppsClearly() {
        Http.Response badId = http.post("/internal/apps", "{\"app_id\":\"Bad Id!\",\"name\":\"x\"}",
                SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.text("error")).isEqualTo("VALIDATION_FAILED");
        Http.Response duplicate = http.post("/internal/apps", "{\"app_id\":\"default\",\"name\":\"x\"}",
                SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(http.get("/internal/apps/nope", SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL).text("error")).isEqualTo("UNKNOWN_APP");
    }

    @Test
    void shouldValidateATokenOfAnyAppForTheSuiteAndDisableItsUser() {
        Http.Response registered = http.post("/api/auth/register", """
                {"email":"internal@example.com","password":"secure-password1"}
                """);
        String token = registered.json().get("accessToken").asString();
        String userId = registered.json().get("user").get("id").asString();

        Http.Response validated = http.post("/auth/v1/token/validate", "{\"token\":\"" + token + "\"}",
                SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
        assertThat(validated.status()).as(validated.toString()).isEqualTo(200);
        assertThat(validated.text("app_id")).isEqualTo("default");
        assertThat(validated.text("userId")).isEqualTo(userId);
        assertThat(http.post("/auth/v1/token/validate", "{\"token\":\"" + token + "\"}",
                SuiteHeaders.INTERNAL_CREDENTIAL, "guess").status()).isEqualTo(401);

        Http.Response disabled = http.post("/internal/apps/default/users/" + userId + "/disable", "{\"reason\":\"abuse\"}",
                SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
        assertThat(disabled.status()).isEqualTo(204);
        assertThat(http.post("/auth/v1/token/validate", "{\"token\":\"" + token + "\"}",
                SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL).status()).isEqualTo(401);
        assertThat(http.post("/internal/apps/other/users/" + userId + "/disable", null,
                SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL).status()).isEqualTo(404);
    }
}
