package io.passportsuite.passport.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.common.web.SuiteHeaders;
import io.passportsuite.passport.account.AccountRegistration;
import io.passportsuite.passport.account.DeletingAccount;
import io.passportsuite.passport.account.GithubUnlinking;
import io.passportsuite.passport.account.NewAccount;
import io.passportsuite.passport.account.User;
import io.passportsuite.passport.api.Http;
import io.passportsuite.passport.app.App;
import io.passportsuite.passport.app.AppAdministration;
import io.passportsuite.passport.app.PasswordPolicy;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Reason;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /auth/github} against a GitHub Enterprise Server in the test JVM: who logs in is
 * what GitHub answers, never what the client says, and every way GitHub can refuse or fail
 * answers GITHUB_OAUTH_FAILED with its own status.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"passport.github.read-timeout=1s", "passport.github.connect-timeout=1s", "passport.github.login-deadline=1200ms"})
@RealInfrastructure
class GithubLoginTest {

    private static final String CREDENTIAL = "test-credential-5mJx8Qw2Lr7Vb4Nc9Zk1Hp6Td3";
    private static final String CLIENT_ID = "Iv1.passport0001";
    private static final String CLIENT_SECRET = "github-secret-0123456789abcdef";
    private static final String CALLBACK = "https://game.example.com/github/callback";
    private static final FakeGithub github = new FakeGithub();
    private static final AtomicLong ids = new AtomicLong(5_000_000);

    @LocalServerPort
    private int port;

    @Autowired
    private AccountRegistration registration;

    @Autowired
    private AppAdministration administration;

    @Autowired
    private GithubVerification verification;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private GithubUnlinking unlinking;

    @Autowired
    private DeletingAccount deleting;

    @Autowired
    private TransactionTemplate transaction;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        github.oauthApp(CLIENT_ID, CLIENT_SECRET);
        github.recover();
        Http.Response configured = configure("default", """
                {"github":{"client_id":"%s","client_secret":"%s","redirect_uris":["%s"],"web_base_url":"%s"}}
                """.formatted(CLIENT_ID, CLIENT_SECRET, CALLBACK, github.url()));
        assertThat(configured.status()).as(configured.toString()).isEqualTo(200);
    }

    @AfterAll
    static void stopGithub() {
        github.close();
    }

    private static FakeGithub.Account account(String login, String email, boolean verified) {
        return new FakeGithub.Account(ids.incrementAndGet(), login, "The " + login, "https://avatars.example.com/" + login, email, verified);
    }

    private Http.Response configure(String appId, String body) {
        return http.send("PATCH", "/internal/apps/" + appId, body, SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
    }

    private String state(String redirectUri) {
        Http.Response started = http.get("/auth/github/authorize?redirect_uri=" + java.net.URLEncoder.encode(redirectUri, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        return started.json().get("data").get("state").asString();
    }

    private Http.Response webLogin(FakeGithub.Account account) {
        String state = state(CALLBACK);
        String code = github.approve(account, CLIENT_ID, CALLBACK);
        return codeLogin(code, state, CALLBACK);
    }

    private Http.Response codeLogin(String code, String state, String redirectUri) {
        return http.post("/auth/github", """
                {"code":"%s","state":"%s","redirect_uri":"%s"}
                """.formatted(code, state, redirectUri));
    }

    private Http.Response tokenLogin(String token) {
        return http.post("/auth/github", "{\"access_token\":\"" + token + "\"}");
    }

    private static void assertRefused(Http.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        JsonNode body = response.json();
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("error_code").asString()).isEqualTo("GITHUB_OAUTH_FAILED");
        assertThat(body.path("data").path("access_token").isMissingNode()).isTrue();
    }

    @Test
    void shouldLogInWithTheWebFlowAsGithubSaysAndAnswerAsTheReference() {
        FakeGithub.Account octocat = account("octocat", "octocat@example.com", true);

        Http.Response started = http.get("/auth/github/authorize?redirect_uri=" + CALLBACK);
        URI authorize = URI.create(started.json().get("data").get("authorize_url").asString());
        assertThat(authorize.toString()).startsWith(github.url() + "/login/oauth/authorize?client_id=" + CLIENT_ID)
                .contains("state=" + started.json().get("data").get("state").asString());
        github.forget();
        Http.Response first = codeLogin(github.approve(octocat, CLIENT_ID, CALLBACK), started.json().get("data").get("state").asString(), CALLBACK);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().get("message").asString()).isEqualTo("GitHub账户绑定成功");
        JsonNode data = first.json().get("data");
        assertThat(data.get("message").asString()).isEqualTo("GitHub账户绑定成功");
        assertThat(data.get("is_new_user").asBoolean()).isTrue();
        assertThat(data.get("access_token").asString()).isNotBlank();
        JsonNode user = data.get("user");
        assertThat(user.get("username").asString()).isEqualTo("octocat");
        assertThat(user.get("nickname").asString()).isEqualTo("The octocat");
        assertThat(user.get("email").asString()).isEqualTo("octocat@example.com");
        assertThat(user.get("avatar_url").asString()).isEqualTo("https://avatars.example.com/octocat");
        assertThat(user.get("role").asInt()).isEqualTo(1);
        // The code went to GitHub with the app's secret, and the identity came from the API with the token.
        FakeGithub.Received exchange = github.received().getFirst();
        assertThat(exchange.path()).isEqualTo("/login/oauth/access_token");
        assertThat(exchange.body()).contains("client_secret=" + CLIENT_SECRET).contains("code=code-");
        assertThat(exchange.headers().get("Accept")).containsExactly("application/json");
        assertThat(github.received()).extracting(FakeGithub.Received::path).contains("/api/v3/user", "/api/v3/user/emails");

        Http.Response refreshed = http.post("/auth/refresh", "{\"refresh_token\":\"" + data.get("refresh_token").asString() + "\"}");
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);

        Http.Response again = webLogin(octocat);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("data").get("is_new_user").asBoolean()).isFalse();
        assertThat(again.json().get("data").get("user").get("id").asString()).isEqualTo(user.get("id").asString());
    }

    @Test
    void shouldRefuseTheReferencesUserFieldsWithoutAProof() {
        FakeGithub.Account victim = account("victim", "victim@example.com", true);
        assertThat(webLogin(victim).status()).isEqualTo(200);

        Http.Response forged = http.post("/auth/github", """
                {"github_id":"%d","username":"victim","nickname":"Victim","email":"victim@example.com","avatar_url":"https://x.example/a.png"}
                """.formatted(victim.id()));

        assertRefused(forged, 401);
    }

    @Test
    void shouldLogInANativeClientWithATokenIssuedToThisAppOnly() {
        FakeGithub.Account mobile = account("mobile_user", "mobile@example.com", true);
        String token = github.tokenFor(mobile, CLIENT_ID);

        Http.Response ok = tokenLogin(token);
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().get("data").get("user").get("username").asString()).isEqualTo("mobile_user");
        FakeGithub.Received check = github.received().stream().filter(r -> r.path().endsWith("/token")).reduce((a, b) -> b).orElseThrow();
        assertThat(check.path()).isEqualTo("/api/v3/applications/" + CLIENT_ID + "/token");

        github.oauthApp("Iv1.someoneelse", "other-secret");
        assertRefused(tokenLogin(github.tokenFor(mobile, "Iv1.someoneelse")), 401);
        github.revoke(token);
        assertRefused(tokenLogin(token), 401);
        assertRefused(tokenLogin("gho_made_up"), 401);
    }

    @Test
    void shouldRefuseACodeGithubRefusesEvenWithA200() {
        FakeGithub.Account player = account("coder", null, false);
        String code = github.approve(player, CLIENT_ID, CALLBACK);
        assertThat(codeLogin(code, state(CALLBACK), CALLBACK).status()).isEqualTo(200);

        // The same code again: GitHub answers 200 with bad_verification_code (used or expired).
        Http.Response reused = codeLogin(code, state(CALLBACK), CALLBACK);
        assertRefused(reused, 401);
        assertThat(reused.json().get("message").asString()).contains("bad_verification_code");
        assertRefused(codeLogin("never-issued", state(CALLBACK), CALLBACK), 401);
    }

    @Test
    void shouldAcceptOnlyALiveStateIssuedForThisAppAndRedirectUriOnce() {
        FakeGithub.Account player = account("stateful", null, false);
        String state = state(CALLBACK);

        assertRefused(codeLogin(github.approve(player, CLIENT_ID, CALLBACK), "made-up-state", CALLBACK), 401);
        assertRefused(http.post("/auth/github", "{\"code\":\"" + github.approve(player, CLIENT_ID, CALLBACK) + "\"}"), 401);
        assertThat(codeLogin(github.approve(player, CLIENT_ID, CALLBACK), state, CALLBACK).status()).isEqualTo(200);
        assertRefused(codeLogin(github.approve(player, CLIENT_ID, CALLBACK), state, CALLBACK), 401);

        String expiring = state(CALLBACK);
        jdbc.sql("UPDATE github_oauth_state SET expires_at = now() - interval '1 second'").update();
        assertRefused(codeLogin(github.approve(player, CLIENT_ID, CALLBACK), expiring, CALLBACK), 401);

        // A redirect URI the app did not register cannot start a flow, nor finish one.
        Http.Response elsewhere = http.get("/auth/github/authorize?redirect_uri=https://evil.example.com/cb");
        assertRefused(elsewhere, 400);
        assertRefused(codeLogin(github.approve(player, CLIENT_ID, "https://evil.example.com/cb"), state(CALLBACK),
                "https://evil.example.com/cb"), 401);

        // Another app's flow: its state is no good here, even with GitHub's code for this app.
        String otherApp = "other-" + ids.incrementAndGet();
        App created = administration.create(new App(otherApp, "Other", PasswordPolicy.DEFAULT, Duration.ofMinutes(15), Duration.ofDays(30),
                java.util.Set.of(App.LOGIN_PASSWORD, App.LOGIN_GITHUB), false)).orRaise();
        assertThat(configure(otherApp, """
                {"github":{"client_id":"Iv1.other","client_secret":"other-secret","redirect_uris":["%s"],"web_base_url":"%s"}}
                """.formatted(CALLBACK, github.url())).status()).isEqualTo(200);
        String othersState = verification.startWebFlow(created, CALLBACK).orRaise().state();
        assertRefused(codeLogin(github.approve(player, CLIENT_ID, CALLBACK), othersState, CALLBACK), 401);
    }

    @Test
    void shouldAnswerGithubFailuresAsBadGatewayOrUnavailableNeverAsServerErrors() {
        FakeGithub.Account player = account("unlucky", null, false);

        github.fail(500, null);
        assertRefused(tokenLogin(github.tokenFor(player, CLIENT_ID)), 502);
        github.fail(200, "{\"unexpected\":true}");
        assertRefused(webLogin(player), 502);
        github.recover();

        // Slower than the read timeout (1 s here): answered within the bound, not after GitHub.
        github.answerAfter(Duration.ofSeconds(3));
        long started = System.nanoTime();
        Http.Response slow = tokenLogin(github.tokenFor(player, CLIENT_ID));
        assertRefused(slow, 503);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_800));
        github.recover();
        github.sendBodiesAfter(Duration.ofSeconds(4));
        started = System.nanoTime();
        assertRefused(tokenLogin(github.tokenFor(player, CLIENT_ID)), 503);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(3_800));
        github.recover();

        // Wrong client credentials at GitHub are the operator's to fix: GitHub failed us, not the user.
        assertThat(configure("default", "{\"github\":{\"client_secret\":\"rotated-at-github\"}}").status()).isEqualTo(200);
        assertRefused(webLogin(player), 502);
        assertThat(configure("default", "{\"github\":{\"client_secret\":\"" + CLIENT_SECRET + "\"}}").status()).isEqualTo(200);

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        assertThat(configure("default", "{\"github\":{\"client_secret\":\"" + CLIENT_SECRET + "\",\"web_base_url\":\"http://127.0.0.1:"
                + closedPort + "\"}}").status()).isEqualTo(200);
        assertRefused(tokenLogin(github.tokenFor(player, CLIENT_ID)), 503);
    }

    @Test
    void shouldLinkToAnAccountWhoseEmailIsVerifiedOnBothSidesOnly() {
        String code = http.post("/auth/send-email-verification", "{\"email\":\"owner@example.com\"}")
                .json().get("data").get("verification_code").asString();
        Http.Response owner = http.post("/auth/register", """
                {"username":"owner","password":"password123","nickname":"Owner","email":"owner@example.com","email_verification_code":"%s"}
                """.formatted(code));
        assertThat(owner.status()).as(owner.toString()).isEqualTo(201);
        String ownerId = owner.json().get("data").get("user").get("id").asString();

        Http.Response linked = webLogin(account("owner_gh", "owner@example.com", true));
        assertThat(linked.status()).as(linked.toString()).isEqualTo(200);
        assertThat(linked.json().get("data").get("is_new_user").asBoolean()).isFalse();
        assertThat(linked.json().get("data").get("user").get("id").asString()).isEqualTo(ownerId);

        // Someone typed this address into an account without proving it: a GitHub user who owns it
        // gets an account of their own, and the unproven one is not handed over.
        App defaultApp = administration.find("default").orElseThrow();
        User squatter = registration.register(defaultApp,
                new NewAccount("squatter", "password123", "S", "claimed@example.com", null, null, false, false, "test")).orRaise();
        Http.Response separate = webLogin(account("real_owner", "claimed@example.com", true));
        assertThat(separate.status()).as(separate.toString()).isEqualTo(200);
        assertThat(separate.json().get("data").get("is_new_user").asBoolean()).isTrue();
        assertThat(separate.json().get("data").get("user").get("id").asString()).isNotEqualTo(squatter.id().toString());
        assertThat(separate.json().get("data").get("user").get("email").isNull()).isTrue();

        // An address GitHub has not verified is no proof either.
        Http.Response unverified = webLogin(account("unverified_gh", "owner@example.com", false));
        assertThat(unverified.json().get("data").get("user").get("id").asString()).isNotEqualTo(ownerId);
        assertThat(unverified.json().get("data").get("user").get("email").isNull()).isTrue();
    }

    @Test
    void shouldNeverLinkAnAdministratorsAccountByEmail() {
        String code = http.post("/auth/send-email-verification", "{\"email\":\"boss@example.com\"}")
                .json().get("data").get("verification_code").asString();
        String bossId = http.post("/auth/register", """
                {"username":"boss","password":"password123","nickname":"Boss","email":"boss@example.com","email_verification_code":"%s"}
                """.formatted(code)).json().get("data").get("user").get("id").asString();
        jdbc.sql("UPDATE app_user SET role = 9 WHERE id = :id").param("id", java.util.UUID.fromString(bossId)).update();

        Http.Response response = webLogin(account("boss_gh", "boss@example.com", true));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("data").get("user").get("id").asString()).isNotEqualTo(bossId);
        assertThat(response.json().get("data").get("user").get("role").asInt()).isEqualTo(1);
    }

    @Test
    void shouldGiveAFreeVariantWhenTheGithubLoginIsTakenAsAUsername() {
        App defaultApp = administration.find("default").orElseThrow();
        registration.register(defaultApp, new NewAccount("hubber", "password123", "Someone", null, null, null, false, false, "test")).orRaise();

        Http.Response response = webLogin(account("hubber", null, false));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("data").get("user").get("username").asString()).matches("hubber_\\d{6}");
    }

    @Test
    void shouldUnlinkOnlyWhileAnotherWayToLogInRemains() {
        String code = http.post("/auth/send-email-verification", "{\"email\":\"both@example.com\"}")
                .json().get("data").get("verification_code").asString();
        http.post("/auth/register", """
                {"username":"both_ways","password":"password123","nickname":"Both","email":"both@example.com","email_verification_code":"%s"}
                """.formatted(code));
        String token = webLogin(account("both_gh", "both@example.com", true)).json().get("data").get("access_token").asString();

        Http.Response unlinked = http.send("DELETE", "/auth/github", null, "Authorization", Http.bearer(token));
        assertThat(unlinked.status()).as(unlinked.toString()).isEqualTo(200);
        Http.Response again = http.send("DELETE", "/auth/github", null, "Authorization", Http.bearer(token));
        assertThat(again.status()).as(again.toString()).isEqualTo(404);
        assertThat(http.post("/auth/login", "{\"identifier\":\"both_ways\",\"password\":\"password123\"}").status()).isEqualTo(200);

        String onlyGithub = webLogin(account("only_gh", null, false)).json().get("data").get("access_token").asString();
        Http.Response refused = http.send("DELETE", "/auth/github", null, "Authorization", Http.bearer(onlyGithub));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().get("error_code").asString()).isEqualTo("LAST_LOGIN_METHOD");
        assertThat(http.send("DELETE", "/auth/github", null).status()).isEqualTo(401);
    }

    @Test
    void shouldKeepTheClientSecretWriteOnlyAndRefuseABadConfiguration() {
        Http.Response shown = configure("default", "{\"github\":{\"redirect_uris\":[\"" + CALLBACK + "\",\"myapp://github\"]}}");
        assertThat(shown.status()).as(shown.toString()).isEqualTo(400);

        Http.Response changed = configure("default", "{\"github\":{\"redirect_uris\":[\"" + CALLBACK + "\",\"http://localhost:3000/cb\"]}}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        JsonNode view = changed.json().get("github");
        assertThat(view.get("configured").asBoolean()).isTrue();
        assertThat(view.get("client_secret_set").asBoolean()).isTrue();
        assertThat(view.get("api_base_url").asString()).isEqualTo(github.url() + "/api/v3");
        assertThat(changed.body()).doesNotContain(CLIENT_SECRET);
        byte[] stored = jdbc.sql("SELECT client_secret_sealed FROM app_github WHERE app_id = 'default'").query(byte[].class).single();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(CLIENT_SECRET);

        String fresh = "fresh-" + ids.incrementAndGet();
        administration.create(new App(fresh, "Fresh", PasswordPolicy.DEFAULT, Duration.ofMinutes(15), Duration.ofDays(30),
                java.util.Set.of(App.LOGIN_PASSWORD), false)).orRaise();
        Http.Response noSecret = configure(fresh, "{\"github\":{\"client_id\":\"Iv1.x\",\"redirect_uris\":[\"" + CALLBACK + "\"]}}");
        assertThat(noSecret.status()).as(noSecret.toString()).isEqualTo(400);
        Http.Response withName = configure(fresh, "{\"name\":\"Renamed\",\"github\":{\"client_id\":\"Iv1.x\",\"client_secret\":\"s\",\"redirect_uris\":[\"" + CALLBACK + "\"],\"web_base_url\":\"ftp://x\"}}");
        assertThat(withName.status()).isEqualTo(400);
        assertThat(administration.find(fresh).map(App::name)).isEqualTo(Optional.of("Fresh"));
        assertThat(configure("nope-" + ids.incrementAndGet(), "{\"github\":{}}").status()).isEqualTo(404);
        Outcome<WebFlowStart> notAllowed = verification.startWebFlow(administration.find(fresh).orElseThrow(), CALLBACK);
        assertThat(notAllowed).isInstanceOf(Outcome.Failure.class);
    }

    @Test
    void shouldGiveUpAtTheLoginDeadlineWhenGithubIsSlowOnEveryCallButWithinEachTimeout() {
        FakeGithub.Account player = account("patient", null, false);
        String token = github.tokenFor(player, CLIENT_ID);
        // Three calls (token check, /user, /user/emails) of 0.9 s each: every one within the 1 s
        // read timeout, 2.7 s together, past the 1.2 s login deadline; the bound below leaves the
        // deadline 1.3 s of a busy machine's slack and still fails a login that waits for all three.
        github.answerAfter(Duration.ofMillis(900));
        long started = System.nanoTime();

        Http.Response slow = tokenLogin(token);

        assertRefused(slow, 503);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_500));
        github.recover();
        assertThat(tokenLogin(token).status()).isEqualTo(200);
    }

    @Test
    void shouldTreatAClientSecretThatNoLongerDecryptsAsGithubNotConfigured() {
        // What a changed key-encryption key leaves behind: a sealed secret that does not open.
        byte[] sealedElsewhere = new byte[60];
        new java.security.SecureRandom().nextBytes(sealedElsewhere);
        jdbc.sql("UPDATE app_github SET client_secret_sealed = :sealed WHERE app_id = 'default'").param("sealed", sealedElsewhere).update();

        Http.Response start = http.get("/auth/github/authorize?redirect_uri=" + CALLBACK);
        assertRefused(start, 400);
        assertThat(start.json().get("message").asString()).isEqualTo("该应用未配置 GitHub 登录");
        Http.Response login = tokenLogin(github.tokenFor(account("locked_out", null, false), CLIENT_ID));
        assertRefused(login, 400);
        assertThat(login.json().get("message").asString()).isEqualTo("该应用未配置 GitHub 登录");
        assertThat(github.received()).noneMatch(received -> received.path().endsWith("/token"));

        // The operator sees no secret set, and must give it again to change anything.
        Http.Response redirectsOnly = configure("default", "{\"github\":{\"redirect_uris\":[\"" + CALLBACK + "\"]}}");
        assertThat(redirectsOnly.status()).as(redirectsOnly.toString()).isEqualTo(400);
        Http.Response again = configure("default", "{\"github\":{\"client_secret\":\"" + CLIENT_SECRET + "\"}}");
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("github").get("client_secret_set").asBoolean()).isTrue();
        assertThat(webLogin(account("back_in", null, false)).status()).isEqualTo(200);
    }

    @Test
    void shouldRequireTheSecretToPointItAtAnotherOauthAppOrHost() {
        String required = Reason.GITHUB_CLIENT_SECRET_REQUIRED.englishTemplate();
        for (String change : java.util.List.of("{\"client_id\":\"Iv1.attacker\"}", "{\"web_base_url\":\"https://evil.example.com\"}",
                "{\"api_base_url\":\"https://evil.example.com/api\"}",
                "{\"client_id\":\"Iv1.attacker\",\"redirect_uris\":[\"" + CALLBACK + "\"]}")) {
            Http.Response refused = configure("default", "{\"github\":" + change + "}");
            assertThat(refused.status()).as(change + " " + refused).isEqualTo(400);
            assertThat(refused.json().get("error").asString()).isEqualTo("VALIDATION_FAILED");
            assertThat(refused.json().get("message").asString()).isEqualTo(required);
        }
        assertThat(jdbc.sql("SELECT client_id FROM app_github WHERE app_id = 'default'").query(String.class).single()).isEqualTo(CLIENT_ID);
        // Saying again what is set moves nothing: no secret needed.
        assertThat(configure("default", "{\"github\":{\"client_id\":\"" + CLIENT_ID + "\",\"web_base_url\":\"" + github.url()
                + "\"}}").status()).isEqualTo(200);

        // The secret is sent to the base URLs: https only, but to a fake on this machine.
        for (String field : java.util.List.of("web_base_url", "api_base_url")) {
            for (String url : java.util.List.of("http://github.example.com", "http://10.0.0.7:8080", "http://127.0.0.1.nip.io")) {
                Http.Response plain = configure("default", "{\"github\":{\"client_secret\":\"" + CLIENT_SECRET + "\",\"" + field + "\":\"" + url + "\"}}");
                assertThat(plain.status()).as(url + " " + plain).isEqualTo(400);
                assertThat(plain.json().get("message").asString()).startsWith("github." + field + " must be an https URL");
            }
        }
        for (String loopback : java.util.List.of("http://localhost:3000", "http://[::1]:3000", "http://127.0.0.1:3000", "https://ghe.example.com")) {
            Http.Response allowed = configure("default", "{\"github\":{\"client_secret\":\"" + CLIENT_SECRET + "\",\"web_base_url\":\"" + loopback + "\"}}");
            assertThat(allowed.status()).as(loopback + " " + allowed).isEqualTo(200);
        }
    }

    @Test
    void shouldRefuseToUnlinkWhenThePasswordIsOneTheAppDoesNotTake() {
        Http.Response linked = webLogin(account("pw_but_off", null, false));
        java.util.UUID userId = java.util.UUID.fromString(linked.json().get("data").get("user").get("id").asString());
        jdbc.sql("UPDATE app_user SET password_hash = 'a-password-hash' WHERE id = :id").param("id", userId).update();
        App withPasswords = administration.find("default").orElseThrow();
        App withoutPasswords = new App(withPasswords.appId(), withPasswords.name(), withPasswords.passwordPolicy(),
                withPasswords.accessTokenTtl(), withPasswords.refreshTokenTtl(), java.util.Set.of(App.LOGIN_GITHUB, App.LOGIN_EMAIL_CODE),
                withPasswords.registerCaptchaRequired());

        Outcome<java.util.UUID> refused = unlinking.unlink(withoutPasswords, userId);

        assertThat(refused).isInstanceOfSatisfying(Outcome.Failure.class,
                failure -> assertThat(failure.problem().reason()).isEqualTo(Reason.GITHUB_LAST_LOGIN_METHOD));
        assertThat(unlinking.unlink(withPasswords, userId)).isEqualTo(Outcome.success(userId));
    }

    @Test
    void shouldOpenNoSessionForAUserDeletedWhileLoggingIn() throws Exception {
        FakeGithub.Account doomed = account("doomed", null, false);
        Http.Response first = webLogin(doomed);
        java.util.UUID userId = java.util.UUID.fromString(first.json().get("data").get("user").get("id").asString());
        java.util.concurrent.CountDownLatch deleted = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch commit = new java.util.concurrent.CountDownLatch(1);

        // The deletion holds the user's row until the login has found the user and waits for the row.
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var deletion = executor.submit(() -> transaction.execute(status -> {
                deleting.delete("default", userId).orRaise();
                deleted.countDown();
                try {
                    commit.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return null;
            }));
            assertThat(deleted.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            String token = github.tokenFor(doomed, CLIENT_ID);
            var login = executor.submit(() -> tokenLogin(token));
            long waitingUntil = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
                    .query(Long.class).single() == 0 && System.nanoTime() < waitingUntil) {
                Thread.sleep(20);
            }
            commit.countDown();
            deletion.get(10, java.util.concurrent.TimeUnit.SECONDS);
            Http.Response raced = login.get(10, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(raced.status()).as(raced.toString()).isEqualTo(404);
            assertThat(raced.json().get("success").asBoolean()).isFalse();
            assertThat(raced.json().get("error_code").asString()).isEqualTo("USER_NOT_FOUND");
            assertThat(raced.json().path("data").path("access_token").isMissingNode()).isTrue();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM auth_session WHERE user_id = :id").param("id", userId).query(Long.class).single()).isZero();
    }
}
