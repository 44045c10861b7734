package io.passportsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.passportsuite.common.testing.ServiceProbe;

/**
 * GitHub login through the gateway, GitHub being a GitHub Enterprise Server in the test JVM that
 * the operator configured for the default app: the web flow (authorize, then the code with its
 * state), the refresh the answer's token allows, and unlinking, which the gateway admits only
 * with the user's token.
 */
class GithubLoginEndToEndTest {

    private static final String CLIENT_ID = "Iv1.e2e0000001";
    private static final String CLIENT_SECRET = "e2e-github-secret-4d7a0c";
    private static final String CALLBACK = "https://game.example.com/github/callback";

    private static GatewaySuite suite;
    private static ServiceProbe gateway;
    private static FakeGithub github;

    @BeforeAll
    static void startSuite() {
        github = new FakeGithub();
        github.oauthApp(CLIENT_ID, CLIENT_SECRET);
        suite = GatewaySuite.start("github");
        gateway = suite.throughGateway;
        ServiceProbe.Response configured = suite.passportDirectly.patch("/internal/apps/default", """
                {"github":{"client_id":"%s","client_secret":"%s","redirect_uris":["%s"],"web_base_url":"%s"}}
                """.formatted(CLIENT_ID, CLIENT_SECRET, CALLBACK, github.url()),
                "X-Passport-Internal-Credential", GatewaySuite.INTERNAL_CREDENTIAL);
        assertThat(configured.status()).as(configured.body()).isEqualTo(200);
        assertThat(configured.body()).doesNotContain(CLIENT_SECRET);
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
        if (github != null) {
            github.close();
        }
    }

    @Test
    void shouldLogInWithGithubsWebFlowThroughTheGateway() {
        ServiceProbe.Response started = gateway.get("/auth/github/authorize?redirect_uri=" + CALLBACK);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String state = started.json().get("data").get("state").asString();
        assertThat(started.json().get("data").get("authorize_url").asString())
                .startsWith(github.url() + "/login/oauth/authorize?client_id=" + CLIENT_ID);
        FakeGithub.Account octocat = new FakeGithub.Account(583231, "octocat", "The Octocat", "https://avatars.example.com/u/583231",
                "octocat@example.com", true);
        String code = github.approve(octocat, CLIENT_ID, CALLBACK);

        ServiceProbe.Response login = gateway.post("/auth/github", """
                {"code":"%s","state":"%s","redirect_uri":"%s"}
                """.formatted(code, state, CALLBACK));

        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(login.json().get("success").asBoolean()).isTrue();
        assertThat(login.json().get("message").asString()).isEqualTo("GitHub账户绑定成功");
        assertThat(login.json().get("data").get("is_new_user").asBoolean()).isTrue();
        assertThat(login.json().get("data").get("user").get("username").asString()).isEqualTo("octocat");
        assertThat(login.json().get("data").get("user").get("email").asString()).isEqualTo("octocat@example.com");
        ServiceProbe.Response refreshed = gateway.post("/auth/refresh",
                "{\"refresh_token\":\"" + login.json().get("data").get("refresh_token").asString() + "\"}");
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);

        // The state was spent: the same request again is refused, as is the reference's word alone.
        ServiceProbe.Response replayed = gateway.post("/auth/github", """
                {"code":"%s","state":"%s","redirect_uri":"%s"}
                """.formatted(github.approve(octocat, CLIENT_ID, CALLBACK), state, CALLBACK));
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(401);
        assertThat(replayed.json().get("error_code").asString()).isEqualTo("GITHUB_OAUTH_FAILED");
        ServiceProbe.Response forged = gateway.post("/auth/github", """
                {"github_id":"583231","username":"octocat","nickname":"The Octocat","email":"octocat@example.com"}
                """);
        assertThat(forged.status()).as(forged.body()).isEqualTo(401);
        assertThat(forged.json().get("error_code").asString()).isEqualTo("GITHUB_OAUTH_FAILED");
        assertThat(forged.json().path("data").path("access_token").isMissingNode()).isTrue();
    }

    @Test
    void shouldLetOnlyTheAccountHolderUnlinkAndNotTheirLastWayIn() {
        FakeGithub.Account native_ = new FakeGithub.Account(9_100_001, "native_player", null, "https://avatars.example.com/u/9100001",
                null, false);
        ServiceProbe.Response login = gateway.post("/auth/github", "{\"access_token\":\"" + github.tokenFor(native_, CLIENT_ID) + "\"}");
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        String token = login.json().get("data").get("access_token").asString();

        HttpResponse<String> anonymous = delete("/auth/github", null);
        HttpResponse<String> lastWayIn = delete("/auth/github", token);

        assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
        assertThat(lastWayIn.statusCode()).as(lastWayIn.body()).isEqualTo(409);
        assertThat(lastWayIn.body()).contains("\"error_code\":\"LAST_LOGIN_METHOD\"");
    }

    @Test
    void shouldNotLetAnotherAppsUserOrSpoofedIdentityHeadersUnlinkAnAccount() {
        FakeGithub.Account linked = new FakeGithub.Account(9_100_002, "linked_player", null, "https://avatars.example.com/u/9100002",
                null, false);
        ServiceProbe.Response login = gateway.post("/auth/github", "{\"access_token\":\"" + github.tokenFor(linked, CLIENT_ID) + "\"}");
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        String userId = login.json().get("data").get("user").get("id").asString();
        // A user of another app, with a token the gateway verifies as genuine.
        String otherAppsToken = suite.accessTokenOfNewUser(suite.createApp("github-other"), "github-other",
                "other@other.example", "abcdef");

        HttpResponse<String> otherApp = delete("/auth/github", otherAppsToken,
                "X-Passport-User-Id", userId, "X-Passport-User-Role", "9");
        HttpResponse<String> spoofedOnly = delete("/auth/github", null, "X-Passport-User-Id", userId);

        assertThat(otherApp.statusCode()).as(otherApp.body()).isEqualTo(401);
        assertThat(spoofedOnly.statusCode()).as(spoofedOnly.body()).isEqualTo(401);
        // Still linked: the same GitHub account logs into the same user, not a new one.
        ServiceProbe.Response again = gateway.post("/auth/github", "{\"access_token\":\"" + github.tokenFor(linked, CLIENT_ID) + "\"}");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("data").get("is_new_user").asBoolean()).isFalse();
        assertThat(again.json().get("data").get("user").get("id").asString()).isEqualTo(userId);
    }

    private static HttpResponse<String> delete(String path, String token, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path)).DELETE().timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
