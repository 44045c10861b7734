package io.passportsuite.passport.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.passport.account.AccountDisabling;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "passport.sessions.refresh-grace=3s")
@RealInfrastructure
class ChatApiTest {

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private AccountDisabling disabling;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    private JsonNode register(String email) {
        Http.Response response = http.post("/api/auth/register", """
                {"email":"%s","password":"secure-password1","displayName":"Alice","inviteCode":"INVITE-42"}
                """.formatted(email));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    private Http.Response refresh(String refreshToken) {
        return http.post("/api/auth/refresh", "{\"refreshToken\":\"" + refreshToken + "\"}");
    }

    private static final String GATEWAY_CREDENTIAL = "test-credential-5mJx8Qw2Lr7Vb4Nc9Zk1Hp6Td3";

    private static List<String> usersChanged(Http.Response response) {
        return response.headers().entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase("X-Passport-Users-Changed"))
                .flatMap(header -> header.getValue().stream()).toList();
    }

    @Test
    void shouldNameTheUserWhoseProfileChangedToTheGatewayOnly() {
        JsonNode registered = register("profile-notice@example.com");
        String userId = registered.get("user").get("id").asString();
        String auth = Http.bearer(registered.get("accessToken").asString());

        Http.Response read = http.get("/api/auth/me", "Authorization", auth, "X-Passport-Internal-Credential", GATEWAY_CREDENTIAL);
        Http.Response routed = http.patch("/api/auth/me", "{\"displayName\":\"Changed\"}", "Authorization", auth,
                "X-Passport-Internal-Credential", GATEWAY_CREDENTIAL);
        Http.Response direct = http.patch("/api/auth/me", "{\"displayName\":\"Again\"}", "Authorization", auth);

        assertThat(read.status()).isEqualTo(200);
        assertThat(usersChanged(read)).as("a read changes nothing").isEmpty();
        assertThat(routed.status()).isEqualTo(200);
        assertThat(usersChanged(routed)).containsExactly(userId);
        assertThat(direct.status()).isEqualTo(200);
        assertThat(usersChanged(direct)).as("only for callers holding the internal credential").isEmpty();
    }

    @Test
    void shouldRegisterWithAGeneratedUsernameAndServeTheProfile() {
        JsonNode registered = register("alice@example.com");
        assertThat(registered.get("accessToken").asString()).isNotBlank();
        assertThat(registered.get("refreshToken").asString()).isNotBlank();
        JsonNode user = registered.get("user");
        assertThat(user.get("username").asString()).matches("alice_\\d{6}");
        assertThat(user.get("displayName").asString()).isEqualTo("Alice");
        assertThat(user.get("isBot").asBoolean()).isFalse();
        assertThat(jdbc.sql("SELECT invite_code FROM app_user WHERE id = :id")
                .param("id", UUID.fromString(user.get("id").asString())).query(String.class).single()).isEqualTo("INVITE-42");

        String auth = Http.bearer(registered.get("accessToken").asString());
        Http.Response me = http.get("/api/auth/me", "Authorization", auth);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("id")).isEqualTo(user.get("id").asString());
        assertThat(me.text("avatarUrl")).isNull();

        Http.Response patched = http.patch("/api/auth/me", """
                {"displayName":"New Name","avatarUrl":"https://example.com/avatar.png"}
                """, "Authorization", auth);
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.text("displayName")).isEqualTo("New Name");
        assertThat(patched.text("avatarUrl")).isEqualTo("https://example.com/avatar.png");

        Http.Response cleared = http.patch("/api/auth/me", "{\"avatarUrl\":null}", "Authorization", auth);
        assertThat(cleared.text("avatarUrl")).isNull();
        assertThat(cleared.text("displayName")).isEqualTo("New Name");

        Http.Response login = http.post("/api/auth/login", """
                {"email":"alice@example.com","password":"secure-password1"}
                """);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().get("user").get("id").asString()).isEqualTo(user.get("id").asString());
    }

    @Test
    void shouldShowOnlyThePublicProfileAndPresenceOfOthers() {
        JsonNode bob = register("bob@example.com");
        JsonNode carol = register("carol@example.com");
        String bobAuth = Http.bearer(bob.get("accessToken").asString());
        String carolId = carol.get("user").get("id").asString();

        http.get("/api/auth/me", "Authorization", Http.bearer(carol.get("accessToken").asString()));
        Http.Response online = http.get("/api/auth/users/" + carolId, "Authorization", bobAuth);
        assertThat(online.status()).isEqualTo(200);
        assertThat(online.json().get("online").asBoolean()).isTrue();
        assertThat(online.json().has("email")).isFalse();
        assertThat(online.json().has("phone")).isFalse();

        Http.Response disconnect = http.post("/api/auth/disconnect", null, "Authorization", Http.bearer(carol.get("accessToken").asString()));
        assertThat(disconnect.status()).isEqualTo(204);
        Http.Response offline = http.get("/api/auth/users/" + carolId, "Authorization", bobAuth);
        assertThat(offline.json().get("online").asBoolean()).isFalse();
        assertThat(offline.text("lastSeenAt")).isNotBlank();
        // Back within seconds: online again at once, though marked online moments before the disconnect.
        http.get("/api/auth/me", "Authorization", Http.bearer(carol.get("accessToken").asString()));
        assertThat(http.get("/api/auth/users/" + carolId, "Authorization", bobAuth).json().get("online").asBoolean()).isTrue();

        assertThat(http.get("/api/auth/users/" + UUID.randomUUID(), "Authorization", bobAuth).status()).isEqualTo(404);
        assertThat(http.get("/api/auth/users/" + carolId).status()).isEqualTo(401);
    }

    @Test
    void shouldRotateRefreshTokensAndRevokeTheSessionOnReuse() throws InterruptedException {
        JsonNode registered = register("dave@example.com");
        String first = registered.get("refreshToken").asString();

        Http.Response rotated = refresh(first);
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String second = rotated.text("refreshToken");
        assertThat(second).isNotEqualTo(first);

        // A retry of the first token within the grace window gets the same successor back.
        Http.Response retried = refresh(first);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.text("refreshToken")).isEqualTo(second);

        Http.Response third = refresh(second);
        assertThat(third.status()).isEqualTo(200);
        String accessToken = third.text("accessToken");
        assertThat(http.get("/api/auth/me", "Authorization", Http.bearer(accessToken)).status()).isEqualTo(200);

        // The first token once more, now that its successor was used: a stolen copy. Everything ends.
        Http.Response reuse = refresh(first);
        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.text("error")).isEqualTo("REFRESH_TOKEN_REUSED");
        assertThat(refresh(third.text("refreshToken")).status()).isEqualTo(401);
        assertThat(http.get("/api/auth/me", "Authorization", Http.bearer(accessToken)).status()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT count(*) FROM security_event WHERE type = 'refresh_token_reuse' AND user_id = :userId")
                .param("userId", UUID.fromString(registered.get("user").get("id").asString())).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void shouldTreatAReplayAfterTheGraceWindowAsReuse() throws InterruptedException {
        String first = register("erin@example.com").get("refreshToken").asString();
        assertThat(refresh(first).status()).isEqualTo(200);

        Thread.sleep(3_500);

        assertThat(refresh(first).text("error")).isEqualTo("REFRESH_TOKEN_REUSED");
    }

    @Test
    void shouldNeverLeaveTwoLiveSuccessorsAfterParallelRefreshes() throws Exception {
        String token = register("frank@example.com").get("refreshToken").asString();
        int parallel = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Http.Response>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(parallel)) {
            for (int i = 0; i < parallel; i++) {
                Callable<Http.Response> call = () -> {
                    start.await();
                    return refresh(token);
                };
                answers.add(pool.submit(call));
            }
            start.countDown();
            List<Http.Response> responses = new ArrayList<>();
            for (Future<Http.Response> answer : answers) {
                responses.add(answer.get());
            }
            assertThat(responses).allSatisfy(response -> assertThat(response.status()).as(response.toString()).isEqualTo(200));
            Set<String> successors = responses.stream().map(response -> response.text("refreshToken")).collect(Collectors.toSet());
            assertThat(successors).hasSize(1);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM refresh_token WHERE rotated_at IS NULL AND session_id = "
                + "(SELECT id FROM auth_session s WHERE s.user_id = (SELECT id FROM app_user WHERE email = 'frank@example.com'))")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void shouldStopEveryTokenOfADisabledUserAndRefuseItsLogin() {
        JsonNode registered = register("grace@example.com");
        UUID userId = UUID.fromString(registered.get("user").get("id").asString());
        String auth = Http.bearer(registered.get("accessToken").asString());
        assertThat(http.get("/api/auth/me", "Authorization", auth).status()).isEqualTo(200);

        disabling.disable("default", userId, "test");

        assertThat(http.get("/api/auth/me", "Authorization", auth).status()).isEqualTo(401);
        assertThat(refresh(registered.get("refreshToken").asString()).status()).isEqualTo(401);
        Http.Response login = http.post("/api/auth/login", """
                {"email":"grace@example.com","password":"secure-password1"}
                """);
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.text("error")).isEqualTo("ACCOUNT_DISABLED");
    }

    @Test
    void shouldRefuseBadInputWithPlainErrors() {
        assertThat(http.post("/api/auth/register", "{\"email\":\"x@example.com\"}").text("error")).isEqualTo("VALIDATION_FAILED");
        assertThat(http.post("/api/auth/register", "{\"email\":\"x@\",\"password\":\"secure-password1\"}").text("error"))
                .isEqualTo("VALIDATION_FAILED");
        assertThat(http.post("/api/auth/refresh", "{\"refreshToken\":\"nope\"}").text("error")).isEqualTo("INVALID_REFRESH_TOKEN");
        assertThat(http.post("/api/auth/refresh", "{\"refreshToken\":42}").status()).isEqualTo(400);
        assertThat(http.get("/api/auth/me").text("error")).isEqualTo("INVALID_TOKEN");
        assertThat(http.get("/api/auth/me", "Authorization", "Bearer garbage").status()).isEqualTo(401);
        assertThat(http.patch("/api/auth/me", "{\"displayName\":null}", "Authorization", "Bearer garbage").status()).isEqualTo(401);
    }
}
