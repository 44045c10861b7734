package io.passportsuite.passport.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.passportsuite.common.testing.RealInfrastructure;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class EnvelopeApiTest {

    @LocalServerPort
    private int port;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    private Http.Response register(String username, String email, String phone) {
        String code = null;
        if (email != null) {
            // An email at registration needs its code; in test mode the send answer carries it.
            code = http.post("/auth/send-email-verification", "{\"email\":\"" + email + "\"}")
                    .json().get("data").get("verification_code").asString();
        }
        return http.post("/auth/register", """
                {"username":"%s","password":"password123","nickname":"测试用户","email":%s,"phone":%s,"email_verification_code":%s}
                """.formatted(username, quoted(email), quoted(phone), quoted(code)));
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    @Test
    void shouldRegisterInTheEnvelopeWithTheDocumentedUserFields() {
        Http.Response response = register("testuser", "test@example.com", "+8613800138000");

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode body = response.json();
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("message").asString()).isEqualTo("注册成功");
        JsonNode data = body.get("data");
        assertThat(data.get("is_new_user").asBoolean()).isTrue();
        assertThat(data.get("access_token").asString()).isNotBlank();
        assertThat(data.get("refresh_token").asString()).isNotBlank();
        JsonNode user = data.get("user");
        assertThat(user.get("id").asString()).isNotBlank();
        assertThat(user.get("username").asString()).isEqualTo("testuser");
        assertThat(user.get("nickname").asString()).isEqualTo("测试用户");
        assertThat(user.get("email").asString()).isEqualTo("test@example.com");
        assertThat(user.get("phone").asString()).isEqualTo("+8613800138000");
        assertThat(user.has("avatar_url")).isTrue();
        assertThat(user.get("role").asInt()).isEqualTo(1);
        assertThat(user.get("created_at").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    }

    @Test
    void shouldLogInWithUsernameEmailOrPhone() {
        register("player_one", "one@example.com", "+8613800138001");

        for (String identifier : new String[] {"player_one", "PLAYER_ONE", "one@example.com", "+8613800138001"}) {
            Http.Response response = http.post("/auth/login", """
                    {"identifier":"%s","password":"password123"}
                    """.formatted(identifier));
            assertThat(response.status()).as(identifier + ": " + response).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("success").asBoolean()).isTrue();
            assertThat(body.get("message").asString()).isEqualTo("登录成功");
            assertThat(body.get("data").get("is_new_user").asBoolean()).isFalse();
            assertThat(body.get("data").get("user").get("username").asString()).isEqualTo("player_one");
        }
    }

    @Test
    void shouldAnswerDocumentedFailureCodesInTheEnvelope() {
        register("taken_name", null, null);

        assertFailure(register("taken_name", null, null), 409, "REGISTER_FAILED", "用户名已存在");
        assertFailure(register("bad name!", null, null), 400, "REGISTER_FAILED", null);
        assertFailure(http.post("/auth/register", """
                {"username":"weakpass","password":"onlyletters","nickname":"n"}
                """), 400, "REGISTER_FAILED", null);
        assertFailure(http.post("/auth/register", "{\"username\":\"x\"", "Content-Type", "application/json"), 400, "REGISTER_FAILED", null);
        assertFailure(http.post("/auth/login", """
                {"identifier":"taken_name","password":"wrongpass1"}
                """), 401, "LOGIN_FAILED", "用户名或密码错误");
        assertFailure(http.post("/auth/login", """
                {"identifier":"nobody_here","password":"wrongpass1"}
                """), 401, "LOGIN_FAILED", "用户名或密码错误");
        assertFailure(http.post("/auth/login", "[]"), 400, "LOGIN_FAILED", null);
        assertFailure(http.get("/auth/nothing-here"), 404, "NOT_FOUND", null);
    }

    @Test
    void shouldRefreshAndLogOutAlthoughTheReferenceOnlyHandsOutTheTokens() {
        JsonNode data = register("refresher", null, null).json().get("data");

        Http.Response refreshed = http.post("/auth/refresh", "{\"refresh_token\":\"" + data.get("refresh_token").asString() + "\"}");
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        String accessToken = refreshed.json().get("data").get("access_token").asString();

        Http.Response logout = http.post("/auth/logout", null, "Authorization", Http.bearer(accessToken));
        assertThat(logout.status()).isEqualTo(200);
        assertThat(logout.json().get("success").asBoolean()).isTrue();
        assertFailure(http.post("/auth/logout", null, "Authorization", Http.bearer(accessToken)), 401, "INVALID_TOKEN", null);
    }

    @Test
    void shouldAnswerTheEndpointsCodeAlsoWhenTheBodyIsRefusedBeforeAnyController() {
        String huge = "{\"identifier\":\"" + "x".repeat(70_000) + "\",\"password\":\"password123\"}";
        assertFailure(http.post("/auth/login", huge), 413, "LOGIN_FAILED", null);
        assertFailure(http.post("/auth/register", huge), 413, "REGISTER_FAILED", null);
    }

    @Test
    void shouldKeepTomcatsStatusWhenItRefusesARequestInTheEnvelopesFormat() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /auth/login HTTP/1.1\r\nHost: localhost\r\nExpect: something-else\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 417");
            assertThat(answer).contains("\"success\":false").contains("\"error_code\":\"LOGIN_FAILED\"");
        }
    }

    private static void assertFailure(Http.Response response, int status, String code, String message) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        JsonNode body = response.json();
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("error_code").asString()).isEqualTo(code);
        if (message != null) {
            assertThat(body.get("message").asString()).isEqualTo(message);
        } else {
            assertThat(body.get("message").asString()).isNotBlank();
        }
        assertThat(response.body()).doesNotContain("Exception");
    }
}
