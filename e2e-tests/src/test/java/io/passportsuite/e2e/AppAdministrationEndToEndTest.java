package io.passportsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.passportsuite.common.testing.ServiceProbe;
import tools.jackson.databind.JsonNode;

/**
 * An operator runs a tenant through the gateway without touching passport's internal API: the
 * bootstrap administrator creates an app, changes its settings, issues a key that the app's
 * backend uses on the canonical API, and revokes it, after which the gateway refuses the key.
 */
class AppAdministrationEndToEndTest {

    /** The gateway and passport reuse an answer about a key for 3 s (suite.security.api-key-cache-ttl); ample margin. */
    private static final Duration REVOCATION_BOUND = Duration.ofSeconds(15);
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static GatewaySuite suite;
    private static ServiceProbe gateway;

    @BeforeAll
    static void startSuite() {
        suite = GatewaySuite.shared();
        gateway = suite.throughGateway;
        ServiceProbe.Response routed = awaitLogin();
        assertThat(routed.status()).as("the gateway routes to admin-service: " + routed.body()).isEqualTo(200);
    }

    @Test
    void shouldCreateAnAppIssueAKeyThatWorksAndRevokeIt() {
        String admin = adminToken();
        ServiceProbe.Response created = gateway.post("/admin/apps", """
                {"app_id":"arcade","name":"Arcade","password_min_length":6,"password_letter_and_digit":false}""", bearer(admin));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("data").get("app").get("app_id").asString()).isEqualTo("arcade");

        ServiceProbe.Response changed = send("PATCH", "/admin/apps/arcade", "{\"access_token_ttl_seconds\":1800}", bearer(admin));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("data").get("after").get("access_token_ttl_seconds").asLong()).isEqualTo(1800);

        ServiceProbe.Response issued = gateway.post("/admin/apps/arcade/api-keys", "{\"label\":\"arcade backend\"}", bearer(admin));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String apiKey = issued.json().get("data").get("api_key").asString();
        String keyId = issued.json().get("data").get("id").asString();

        ServiceProbe.Response keys = gateway.get("/admin/apps/arcade/api-keys", bearer(admin));
        assertThat(keys.status()).as(keys.body()).isEqualTo(200);
        assertThat(keys.body()).contains(keyId).doesNotContain(apiKey);

        ServiceProbe.Response registered = register(apiKey, "first");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        ServiceProbe.Response login = gateway.post("/auth/v1/login", """
                {"contact_type":"email","contact":"first@arcade.example","password":"abcdef","app_id":"arcade"}""", bearer(apiKey));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(login.json().get("expires_in").asLong()).as(login.body()).isEqualTo(1800);

        ServiceProbe.Response revoked = send("DELETE", "/admin/apps/arcade/api-keys/" + keyId, null, bearer(admin));
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);

        ServiceProbe.Response refused = awaitRefused(apiKey);
        assertThat(refused.status()).as(refused.body()).isEqualTo(401);
        assertThat(keys(admin).get(0).get("revoked_at").isNull()).isFalse();

        ServiceProbe.Response audit = gateway.get("/admin/audit?target=" + keyId, bearer(admin));
        assertThat(audit.status()).as(audit.body()).isEqualTo(200);
        assertThat(audit.json().get("data").get("entries").valueStream().map(entry -> entry.get("action").asString()))
                .containsExactly("app.revoke_api_key", "app.issue_api_key");
        assertThat(audit.body()).doesNotContain(apiKey);
    }

    @Test
    void shouldKeepAUserTokenOffTheApps() {
        String email = "player-" + UUID.randomUUID() + "@example.com";
        ServiceProbe.Response registered = gateway.post("/api/auth/register",
                "{\"email\":\"%s\",\"password\":\"secure-password1\"}".formatted(email));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String userToken = registered.json().get("accessToken").asString();

        ServiceProbe.Response list = gateway.get("/admin/apps", bearer(userToken));
        ServiceProbe.Response create = gateway.post("/admin/apps", "{\"app_id\":\"mine\",\"name\":\"Mine\"}", bearer(userToken));
        ServiceProbe.Response anonymous = gateway.get("/admin/apps");

        assertThat(list.status()).as(list.body()).isEqualTo(403);
        assertThat(create.status()).as(create.body()).isEqualTo(403);
        assertThat(anonymous.status()).as(anonymous.body()).isEqualTo(401);
        assertThat(gateway.get("/admin/apps/mine", bearer(adminToken())).status()).isEqualTo(404);
    }

    private static JsonNode keys(String admin) {
        return gateway.get("/admin/apps/arcade/api-keys", bearer(admin)).json().get("data").get("api_keys");
    }

    private static ServiceProbe.Response register(String apiKey, String name) {
        return gateway.post("/auth/v1/register", """
                {"nickname":"%s","password":"abcdef","contact_type":"email","contact":"%s@arcade.example","app_id":"arcade"}
                """.formatted(name, name), bearer(apiKey));
    }

    /** Registers with the revoked key until the gateway refuses it, within the bound the caches allow. */
    private static ServiceProbe.Response awaitRefused(String apiKey) {
        long deadline = System.nanoTime() + REVOCATION_BOUND.toNanos();
        int attempt = 0;
        ServiceProbe.Response response = register(apiKey, "late" + attempt);
        while (response.status() != 401 && System.nanoTime() < deadline) {
            GatewaySuite.sleep(Duration.ofMillis(200));
            response = register(apiKey, "late" + ++attempt);
        }
        return response;
    }

    private static String adminToken() {
        ServiceProbe.Response login = gateway.post("/admin/auth/login", "{\"identifier\":\"%s\",\"password\":\"%s\"}"
                .formatted(GatewaySuite.ADMIN_USERNAME, GatewaySuite.ADMIN_PASSWORD));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return login.json().get("data").get("access_token").asString();
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

    /** PATCH and DELETE, which {@link ServiceProbe} does not send. */
    private static ServiceProbe.Response send(String method, String path, String json, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path)).timeout(Duration.ofSeconds(10))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new ServiceProbe.Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }
}
