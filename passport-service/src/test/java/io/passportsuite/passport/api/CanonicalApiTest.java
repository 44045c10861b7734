package io.passportsuite.passport.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.passport.app.AppAdministration;
import io.passportsuite.passport.app.PasswordPolicy;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class CanonicalApiTest {

    @LocalServerPort
    private int port;

    @Autowired
    private AppAdministration administration;

    @Autowired
    private JdbcClient jdbc;

    private Http http;
    private Apps.TestApp app;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        app = Apps.create(administration, new PasswordPolicy(6, 100, false));
    }

    private Http.Response register(Apps.TestApp target, String contactType, String contact, String password) {
        return http.post("/auth/v1/register", """
                {"nickname":"张三","password":"%s","contact_type":"%s","contact":"%s","app_id":"%s"}
                """.formatted(password, contactType, contact, target.appId()), "Authorization", target.authorization());
    }

    private String login(Apps.TestApp target, String email, String password) {
        Http.Response response = http.post("/auth/v1/login", """
                {"contact_type":"email","contact":"%s","password":"%s","app_id":"%s"}
                """.formatted(email, password, target.appId()), "Authorization", target.authorization());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.text("access_token");
    }

    @Test
    void shouldRegisterLoginReadUpdateAndValidateAsDocumented() {
        Http.Response registered = register(app, "email", "  ZhangSan@Example.COM ", "secret");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        JsonNode user = registered.json();
        String userId = user.get("userId").asString();
        assertThat(UUID.fromString(userId)).isNotNull();
        assertThat(user.get("nickname").asString()).isEqualTo("张三");
        assertThat(user.get("email").asString()).isEqualTo("ZhangSan@example.com");
        assertThat(user.get("app_id").asString()).isEqualTo(app.appId());
        assertThat(user.get("is_active").asBoolean()).isTrue();
        assertThat(user.get("is_registered").asBoolean()).isTrue();
        assertThat(user.get("created_at").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

        Http.Response login = http.post("/auth/v1/login", """
                {"contact_type":"email","contact":"zhangsan@example.com","password":"secret","app_id":"%s"}
                """.formatted(app.appId()), "Authorization", app.authorization());
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        assertThat(login.text("token_type")).isEqualTo("Bearer");
        assertThat(login.json().get("expires_in").asInt()).isEqualTo(900);
        String accessToken = login.text("access_token");

        Http.Response read = http.get("/auth/v1/users/" + userId, "Authorization", app.authorization());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("userId")).isEqualTo(userId);

        Http.Response updated = http.put("/auth/v1/users/" + userId, """
                {"userId":"%s","nickname":"新昵称","avatar":"https://cdn.example.com/abc","signature":"hello"}
                """.formatted(userId), "Authorization", app.authorization());
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.text("nickname")).isEqualTo("新昵称");
        assertThat(updated.text("avatar")).isEqualTo("https://cdn.example.com/abc");
        assertThat(updated.text("signature")).isEqualTo("hello");
        assertThat(updated.text("email")).isEqualTo("ZhangSan@example.com");

        Http.Response validated = http.post("/auth/v1/token/validate", "{\"token\":\"" + accessToken + "\"}",
                "Authorization", app.authorization());
        assertThat(validated.status()).as(validated.toString()).isEqualTo(200);
        assertThat(validated.text("userId")).isEqualTo(userId);
        assertThat(validated.text("role")).isEqualTo("user");
        assertThat(validated.text("app_id")).isEqualTo(app.appId());

        Http.Response logout = http.post("/auth/v1/logout", "{\"token\":\"" + accessToken + "\"}", "Authorization", app.authorization());
        assertThat(logout.status()).isEqualTo(200);
        Http.Response afterLogout = http.post("/auth/v1/token/validate", "{\"token\":\"" + accessToken + "\"}",
                "Authorization", app.authorization());
        assertThat(afterLogout.status()).isEqualTo(401);
        assertThat(afterLogout.text("error")).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void shouldRegisterByPhoneInE164() {
        Http.Response registered = register(app, "phone", "+86 138-0013-8000", "secret");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.text("phone")).isEqualTo("+8613800138000");

        Http.Response login = http.post("/auth/v1/login", """
                {"contact_type":"phone","contact":"+8613800138000","password":"secret","app_id":"%s"}
                """.formatted(app.appId()), "Authorization", app.authorization());
        assertThat(login.status()).isEqualTo(200);
    }

    @Test
    void shouldKeepTenantsApart() {
        Apps.TestApp other = Apps.create(administration, PasswordPolicy.DEFAULT);
        String userId = register(app, "email", "a@example.com", "secret").text("userId");
        String token = login(app, "a@example.com", "secret");

        // Another app's user is answered exactly as an id that does not exist.
        Http.Response read = http.get("/auth/v1/users/" + userId, "Authorization", other.authorization());
        Http.Response unknown = http.get("/auth/v1/users/" + UUID.randomUUID(), "Authorization", other.authorization());
        assertThat(read.status()).isEqualTo(404);
        assertThat(read.text("error")).isEqualTo("USER_NOT_FOUND");
        assertThat(read.body()).isEqualTo(unknown.body());

        Http.Response update = http.put("/auth/v1/users/" + userId, "{\"nickname\":\"x\"}", "Authorization", other.authorization());
        assertThat(update.status()).isEqualTo(404);
        assertThat(update.text("error")).isEqualTo("USER_NOT_FOUND");
        assertThat(http.get("/auth/v1/users/" + userId, "Authorization", app.authorization()).text("nickname")).isEqualTo("张三");

        Http.Response registerInto = http.post("/auth/v1/register", """
                {"nickname":"n","password":"secret12","contact_type":"email","contact":"b@example.com","app_id":"%s"}
                """.formatted(app.appId()), "Authorization", other.authorization());
        assertThat(registerInto.status()).isEqualTo(403);
        assertThat(registerInto.text("error")).isEqualTo("TENANT_MISMATCH");

        Http.Response validate = http.post("/auth/v1/token/validate", "{\"token\":\"" + token + "\"}", "Authorization", other.authorization());
        assertThat(validate.status()).isEqualTo(401);
        // The gateway's credential on a request routed with a key changes nothing: the key decides the app.
        Http.Response routed = http.post("/auth/v1/token/validate", "{\"token\":\"" + token + "\"}", "Authorization", other.authorization(),
                "X-Passport-Internal-Credential", "test-credential-5mJx8Qw2Lr7Vb4Nc9Zk1Hp6Td3");
        assertThat(routed.status()).isEqualTo(401);
        assertThat(routed.text("error")).isEqualTo("INVALID_TOKEN");
        Http.Response credentialOnly = http.post("/auth/v1/token/validate", "{\"token\":\"" + token + "\"}",
                "X-Passport-Internal-Credential", "test-credential-5mJx8Qw2Lr7Vb4Nc9Zk1Hp6Td3");
        assertThat(credentialOnly.status()).isEqualTo(401);
        assertThat(credentialOnly.text("error")).isEqualTo("INVALID_API_KEY");

        Http.Response logoutElsewhere = http.post("/auth/v1/logout", "{\"token\":\"" + token + "\"}", "Authorization", other.authorization());
        assertThat(logoutElsewhere.status()).isEqualTo(401);
        assertThat(http.post("/auth/v1/token/validate", "{\"token\":\"" + token + "\"}", "Authorization", app.authorization()).status())
                .as("another app's logout left the session alone").isEqualTo(200);

        // The same address in another app is another user.
        Http.Response sameEmail = register(other, "email", "a@example.com", "secret12");
        assertThat(sameEmail.status()).isEqualTo(201);
        assertThat(sameEmail.text("userId")).isNotEqualTo(userId);
        assertThat(jdbc.sql("SELECT count(*) FROM app_user WHERE lower(email) = 'a@example.com'").query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void shouldRefuseMissingWrongAndRevokedApiKeys() {
        Http.Response missing = http.get("/auth/v1/users/" + UUID.randomUUID());
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.text("error")).isEqualTo("INVALID_API_KEY");

        Http.Response wrong = http.get("/auth/v1/users/" + UUID.randomUUID(), "Authorization", "Bearer psk_nope_nope");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.text("error")).isEqualTo("INVALID_API_KEY");

        UUID keyId = jdbc.sql("SELECT id FROM api_key WHERE app_id = :appId").param("appId", app.appId()).query(UUID.class).single();
        administration.revokeKey(app.appId(), keyId);
        Http.Response revoked = register(app, "email", "c@example.com", "secret");
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.text("error")).isEqualTo("INVALID_API_KEY");
    }

    @Test
    void shouldAnswerBadInputWithAClearCodeAndWriteNothing() {
        assertError(http.post("/auth/v1/register", "{not json", "Authorization", app.authorization()), 400, "MALFORMED_REQUEST");
        assertError(http.post("/auth/v1/register", """
                {"nickname":"n","password":12345678,"contact_type":"email","contact":"d@example.com","app_id":"%s"}
                """.formatted(app.appId()), "Authorization", app.authorization()), 400, "VALIDATION_FAILED");
        assertError(register(app, "email", "d@example.com", "x".repeat(10_000)), 400, "VALIDATION_FAILED");
        assertError(register(app, "email", "not-an-email", "secret"), 400, "VALIDATION_FAILED");
        assertError(register(app, "phone", "12345", "secret"), 400, "VALIDATION_FAILED");
        assertError(register(app, "fax", "d@example.com", "secret"), 400, "VALIDATION_FAILED");
        assertError(register(app, "email", "d@example.com", "short"), 400, "VALIDATION_FAILED");
        assertError(http.post("/auth/v1/register", """
                {"nickname":"n","password":"secret","contact_type":"email","contact":"d@example.com"}
                """, "Authorization", app.authorization()), 400, "VALIDATION_FAILED");
        assertError(http.post("/auth/v1/register", "{\"pad\":\"" + "x".repeat(1_100_000) + "\"}", "Authorization",
                app.authorization()), 413, "PAYLOAD_TOO_LARGE");
        assertError(http.get("/auth/v1/users/not-a-uuid", "Authorization", app.authorization()), 400, "VALIDATION_FAILED");
        assertError(http.get("/auth/v1/users/" + UUID.randomUUID(), "Authorization", app.authorization()), 404, "USER_NOT_FOUND");
        assertError(http.post("/auth/v1/token/validate", "{\"token\":\"eyJhbGciOiJub25lIn0.e30.\"}", "Authorization",
                app.authorization()), 401, "INVALID_TOKEN");
        assertError(http.get("/auth/v1/nothing-here", "Authorization", app.authorization()), 404, "NOT_FOUND");
        assertError(http.send("DELETE", "/auth/v1/login", null, "Authorization", app.authorization()), 405, "METHOD_NOT_ALLOWED");

        assertThat(jdbc.sql("SELECT count(*) FROM app_user WHERE app_id = :appId").param("appId", app.appId())
                .query(Long.class).single()).isZero();
    }

    @Test
    void shouldAnswerTheSameForAWrongPasswordAndAnUnknownAccount() {
        register(app, "email", "e@example.com", "secret");
        Http.Response wrongPassword = http.post("/auth/v1/login", """
                {"contact_type":"email","contact":"e@example.com","password":"nope12","app_id":"%s"}
                """.formatted(app.appId()), "Authorization", app.authorization());
        Http.Response unknown = http.post("/auth/v1/login", """
                {"contact_type":"email","contact":"nobody@example.com","password":"nope12","app_id":"%s"}
                """.formatted(app.appId()), "Authorization", app.authorization());

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrongPassword.body()).isEqualTo(unknown.body());
    }

    @Test
    void shouldRejectADuplicateContactWithConflict() {
        register(app, "email", "f@example.com", "secret");
        assertError(register(app, "email", "F@EXAMPLE.com", "secret"), 409, "ACCOUNT_EXISTS");
    }

    private static void assertError(Http.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.text("error")).as(response.toString()).isEqualTo(code);
        assertThat(response.text("message")).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
    }
}
