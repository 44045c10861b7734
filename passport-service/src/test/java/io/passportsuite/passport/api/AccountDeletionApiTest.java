package io.passportsuite.passport.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.common.web.SuiteHeaders;
import io.passportsuite.passport.app.AppAdministration;
import io.passportsuite.passport.app.PasswordPolicy;
import tools.jackson.databind.JsonNode;

/**
 * Deleting an account, by the back office (internal API) and by an app's backend (canonical API):
 * everything passport keeps of the user goes, user.deleted is written with the avatar the user had,
 * the user's tokens are refused, the app's user count follows, and no tenant reaches another's users.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class AccountDeletionApiTest {

    private static final String CREDENTIAL = "test-credential-5mJx8Qw2Lr7Vb4Nc9Zk1Hp6Td3";

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private AppAdministration administration;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void shouldEraseTheAccountAndAllItHasAnnounceItWithTheAvatarAndRefuseItsTokens() {
        JsonNode registered = register("erase-me@example.com", "erase-pass-2026");
        String id = registered.get("user").get("id").asString();
        String bystander = register("stays@example.com", "stays-pass-2026").get("user").get("id").asString();
        assertThat(http.patch("/internal/apps/default/users/" + id, "{\"avatar_url\":\"https://cdn.example.com/me.png\",\"phone\":\"+8613800138055\"}",
                SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL).status()).isEqualTo(200);
        JsonNode second = login("erase-me@example.com", "erase-pass-2026").json();
        jdbc.sql("""
                INSERT INTO user_capabilities (user_id, app_id, capabilities, revision, updated_at)
                VALUES (CAST(:id AS uuid), 'default', '{cloud:deploy}', 1, now())""").param("id", id).update();
        for (String contact : List.of("Erase-Me@example.com", "+8613800138055")) {
            jdbc.sql("""
                    INSERT INTO verification_code (id, app_id, contact, purpose, code_hmac, expires_at)
                    VALUES (:id, 'default', :contact, 'reset_password', 'x', now() + interval '5 minutes')""")
                    .param("id", UUID.randomUUID()).param("contact", contact).update();
        }
        jdbc.sql("INSERT INTO security_event (app_id, user_id, type) VALUES ('default', CAST(:id AS uuid), 'test')").param("id", id).update();
        long usersBefore = countedUsers();
        assertThat(validate(registered.get("accessToken").asString()).status()).isEqualTo(200);

        Http.Response deleted = delete(id);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        for (String table : List.of("app_user WHERE id", "auth_session WHERE user_id", "security_event WHERE user_id",
                "user_capabilities WHERE user_id")) {
            assertThat(jdbc.sql("SELECT count(*) FROM " + table + " = CAST(:id AS uuid)").param("id", id).query(Long.class).single())
                    .as(table).isZero();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM refresh_token t WHERE NOT EXISTS (SELECT 1 FROM auth_session s WHERE s.id = t.session_id)")
                .query(Long.class).single()).as("no refresh token outlives its session").isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM verification_code WHERE lower(contact) IN ('erase-me@example.com', '+8613800138055')")
                .query(Long.class).single()).isZero();
        assertThat(countedUsers()).as("the app's striped counter counts the user out").isEqualTo(usersBefore - 1);
        assertThat(countedUsers()).isEqualTo(jdbc.sql("SELECT count(*) FROM app_user WHERE app_id = 'default'").query(Long.class).single());

        List<String> payloads = jdbc.sql("""
                SELECT envelope -> 'payload' ->> 'avatarUrl' FROM outbox_event
                WHERE event_key = :id AND event_type = 'user.deleted' AND topic = 'passport.user-events.v1'""")
                .param("id", id).query(String.class).list();
        assertThat(payloads).containsExactly("https://cdn.example.com/me.png");
        assertThat(jdbc.sql("""
                SELECT count(*) FROM outbox_event WHERE event_key = :id AND event_type = 'user.session-revoked'
                AND envelope -> 'payload' ->> 'reason' = 'user_deleted'""").param("id", id).query(Long.class).single())
                .as("the gateway hears of both sessions").isEqualTo(2);

        assertThat(validate(registered.get("accessToken").asString()).status()).isEqualTo(401);
        assertThat(validate(second.get("accessToken").asString()).status()).isEqualTo(401);
        assertThat(http.post("/api/auth/refresh", "{\"refreshToken\":\"" + second.get("refreshToken").asString() + "\"}").status())
                .isEqualTo(401);
        assertThat(login("erase-me@example.com", "erase-pass-2026").status()).isEqualTo(401);
        Http.Response again = delete(id);
        assertThat(again.status()).as("deleted is gone").isEqualTo(404);
        assertThat(again.text("error")).isEqualTo("USER_NOT_FOUND");
        assertThat(jdbc.sql("SELECT count(*) FROM outbox_event WHERE event_key = :id AND event_type = 'user.deleted'")
                .param("id", id).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM app_user WHERE id = CAST(:id AS uuid)").param("id", bystander).query(Long.class).single())
                .isEqualTo(1);
        assertThat(register("erase-me@example.com", "erase-pass-2027").get("user").get("id").asString())
                .as("the address is free again, for a new account").isNotEqualTo(id);
    }

    @Test
    void shouldAnswerAnotherAppsUserUnknownAndMalformedIdsAs404AndTouchNothing() {
        Apps.TestApp app = Apps.create(administration, PasswordPolicy.DEFAULT);
        String stranger = register("stranger-del@example.com", "stranger-pass-2026").get("user").get("id").asString();

        List<Http.Response> answers = List.of(
                http.send("DELETE", "/internal/apps/" + app.appId() + "/users/" + stranger, null, SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL),
                delete(UUID.randomUUID().toString()),
                delete("not-a-uuid"));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
            assertThat(answer.text("error")).isEqualTo("USER_NOT_FOUND");
        });
        assertThat(jdbc.sql("SELECT count(*) FROM app_user WHERE id = CAST(:id AS uuid)").param("id", stranger).query(Long.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM outbox_event WHERE event_key = :id AND event_type = 'user.deleted'")
                .param("id", stranger).query(Long.class).single()).isZero();
        assertThat(http.send("DELETE", "/internal/apps/default/users/" + stranger, null).status())
                .as("without the internal credential").isEqualTo(403);
        assertThat(http.send("DELETE", "/internal/apps/default/users/" + stranger, null, SuiteHeaders.INTERNAL_CREDENTIAL, "guess").status())
                .isEqualTo(403);
    }

    @Test
    void shouldLetAnAppsBackendDeleteItsOwnUsersOnlyWithItsKey() {
        Apps.TestApp app = Apps.create(administration, new PasswordPolicy(6, 100, false));
        Apps.TestApp other = Apps.create(administration, PasswordPolicy.DEFAULT);
        String userId = http.post("/auth/v1/register", """
                {"nickname":"张三","password":"secret","contact_type":"email","contact":"canon-del@example.com","app_id":"%s"}
                """.formatted(app.appId()), "Authorization", app.authorization()).text("userId");
        String token = http.post("/auth/v1/login", """
                {"contact_type":"email","contact":"canon-del@example.com","password":"secret","app_id":"%s"}
                """.formatted(app.appId()), "Authorization", app.authorization()).text("access_token");

        Http.Response foreign = http.send("DELETE", "/auth/v1/users/" + userId, null, "Authorization", other.authorization());
        Http.Response unknown = http.send("DELETE", "/auth/v1/users/" + UUID.randomUUID(), null, "Authorization", other.authorization());
        Http.Response keyless = http.send("DELETE", "/auth/v1/users/" + userId, null);
        Http.Response wrongKey = http.send("DELETE", "/auth/v1/users/" + userId, null, "Authorization", "Bearer psk_nope_nope");
        Http.Response malformed = http.send("DELETE", "/auth/v1/users/not-a-uuid", null, "Authorization", app.authorization());

        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(404);
        assertThat(foreign.text("error")).isEqualTo("USER_NOT_FOUND");
        assertThat(foreign.body()).as("another app's user is answered as an unknown id").isEqualTo(unknown.body());
        assertThat(keyless.status()).isEqualTo(401);
        assertThat(keyless.text("error")).isEqualTo("INVALID_API_KEY");
        assertThat(wrongKey.status()).isEqualTo(401);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.text("error")).isEqualTo("VALIDATION_FAILED");
        assertThat(http.get("/auth/v1/users/" + userId, "Authorization", app.authorization()).status()).as("untouched").isEqualTo(200);

        Http.Response deleted = http.send("DELETE", "/auth/v1/users/" + userId, null, "Authorization", app.authorization());

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(http.get("/auth/v1/users/" + userId, "Authorization", app.authorization()).status()).isEqualTo(404);
        Http.Response validated = http.post("/auth/v1/token/validate", "{\"token\":\"" + token + "\"}", "Authorization", app.authorization());
        assertThat(validated.status()).isEqualTo(401);
        assertThat(validated.text("error")).isEqualTo("INVALID_TOKEN");
        assertThat(jdbc.sql("SELECT count(*) FROM outbox_event WHERE event_key = :id AND event_type = 'user.deleted' AND envelope ->> 'appId' = :app")
                .param("id", userId).param("app", app.appId()).query(Long.class).single()).isEqualTo(1);
        assertThat(http.send("DELETE", "/auth/v1/users/" + userId, null, "Authorization", app.authorization()).status()).isEqualTo(404);
    }

    private long countedUsers() {
        return jdbc.sql("SELECT coalesce(sum(users), 0)::BIGINT FROM app_user_count WHERE app_id = 'default'").query(Long.class).single();
    }

    private Http.Response delete(String id) {
        return http.send("DELETE", "/internal/apps/default/users/" + id, null, SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
    }

    private Http.Response validate(String token) {
        return http.post("/internal/tokens/validate", "{\"token\":\"" + token + "\"}", SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
    }

    private Http.Response login(String email, String password) {
        return http.post("/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }

    private JsonNode register(String email, String password) {
        Http.Response registered = http.post("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        assertThat(registered.status()).as(registered.toString()).isIn(200, 201);
        return registered.json();
    }
}
