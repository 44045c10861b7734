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
    void shouldKeepAKeyAnAppBringsFromAnotherDeploymentWhateverItsFormat() {
        http.post("/internal/apps", "{\"app_id\":\"migrated\",\"name\":\"Migrated\"}", SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
        String ownKey = "pk_acceptance_key_0123456789abcdef";

        Http.Response imported = http.post("/internal/apps/migrated/api-keys", "{\"label\":\"old backend\",\"api_key\":\"" + ownKey + "\"}",
                SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
        Http.Response again = http.post("/internal/apps/migrated/api-keys", "{\"api_key\":\"" + ownKey + "\"}",
                SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
        Http.Response tooShort = http.post("/internal/apps/migrated/api-keys", "{\"api_key\":\"pk_short\"}",
                SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
        Http.Response withSpace = http.post("/internal/apps/migrated/api-keys", "{\"api_key\":\"pk_acceptance key 0123456789\"}",
                SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);

        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        assertThat(imported.text("prefix")).isEqualTo(ownKey.substring(0, 12));
        assertThat(again.status()).isEqualTo(409);
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.text("error")).isEqualTo("VALIDATION_FAILED");
        assertThat(withSpace.status()).isEqualTo(400);
        assertThat(http.get("/internal/api-keys/self", "Authorization", Http.bearer(ownKey), SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL)
                .text("app_id")).isEqualTo("migrated");
        Http.Response registered = http.post("/auth/v1/register",
                "{\"nickname\":\"n\",\"password\":\"password123\",\"contact_type\":\"email\",\"contact\":\"m@example.com\",\"app_id\":\"migrated\"}",
                "Authorization", Http.bearer(ownKey));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    }

    @Test
    void shouldCloseTheInternalApiToCallersWithoutTheCredential() {
        assertThat(http.get("/internal/apps/default").status()).isEqualTo(403);
        assertThat(http.get("/internal/apps/default", SuiteHeaders.INTERNAL_CREDENTIAL, "guess").status()).isEqualTo(403);
        assertThat(http.get("/internal/apps/default", SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL).status()).isEqualTo(200);
        // What the gateway routes for a client carries the client's address: never internal, credential or not.
        assertThat(http.get("/internal/apps/default", SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL,
                SuiteHeaders.CLIENT_IP, "203.0.113.7").status()).isEqualTo(403);
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

        Http.Response validated = http.post("/internal/tokens/validate", "{\"token\":\"" + token + "\"}",
                SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
        assertThat(validated.status()).as(validated.toString()).isEqualTo(200);
        assertThat(validated.text("app_id")).isEqualTo("default");
        assertThat(validated.text("user_id")).isEqualTo(userId);
        assertThat(validated.json().get("role").asInt()).isEqualTo(1);
        assertThat(http.post("/internal/tokens/validate", "{\"token\":\"" + token + "\"}",
                SuiteHeaders.INTERNAL_CREDENTIAL, "guess").status()).isEqualTo(403);
        // The canonical endpoint is for apps' keys only: the credential alone is no key.
        assertThat(http.post("/auth/v1/token/validate", "{\"token\":\"" + token + "\"}",
                SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL).status()).isEqualTo(401);

        Http.Response disabled = http.post("/internal/apps/default/users/" + userId + "/disable", "{\"reason\":\"abuse\"}",
                SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
        assertThat(disabled.status()).isEqualTo(204);
        Http.Response afterDisable = http.post("/internal/tokens/validate", "{\"token\":\"" + token + "\"}",
                SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
        assertThat(afterDisable.status()).isEqualTo(401);
        assertThat(afterDisable.text("error")).isEqualTo("INVALID_TOKEN");
        assertThat(http.post("/internal/apps/other/users/" + userId + "/disable", null,
                SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL).status()).isEqualTo(404);
    }
}
