package io.passportsuite.passport.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.common.testing.TestPostgres;
import io.passportsuite.passport.api.Apps;
import io.passportsuite.passport.api.Http;
import io.passportsuite.passport.app.AppAdministration;
import io.passportsuite.passport.app.PasswordPolicy;
import tools.jackson.databind.JsonNode;

/**
 * The database goes away while the service runs (a proxy in front of it is cut, the server
 * itself is untouched): every surface answers 503 with Retry-After in its own format, for flows
 * that read first and for those that open a transaction first, and answers normally again once
 * the database is back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = false)
class DatabaseOutageTest {

    private static final Pattern HOST_PORT = Pattern.compile("^jdbc:postgresql://([^/:]+)(?::(\\d+))?/(.*)$");
    private static CuttableTcpProxy proxy;

    @LocalServerPort
    private int port;

    @Autowired
    private AppAdministration administration;

    @DynamicPropertySource
    static void databaseBehindProxy(DynamicPropertyRegistry registry) throws IOException {
        TestPostgres.Database db = TestPostgres.freshDatabase(DatabaseOutageTest.class.getSimpleName());
        Matcher url = HOST_PORT.matcher(db.url());
        if (!url.matches()) {
            throw new IllegalStateException("unexpected database URL " + db.url());
        }
        proxy = new CuttableTcpProxy(url.group(1), url.group(2) == null ? 5432 : Integer.parseInt(url.group(2)));
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + url.group(3));
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "3");
        registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
        // Short, so that each request of the outage fails within about a second.
        registry.add("spring.datasource.hikari.connection-timeout", () -> "1000");
        registry.add("spring.datasource.hikari.validation-timeout", () -> "500");
    }

    @AfterEach
    void restoreDatabase() {
        proxy.restore();
    }

    @AfterAll
    static void stopProxy() {
        proxy.close();
    }

    @Test
    void shouldAnswer503WithRetryAfterOnEverySurfaceWhileTheDatabaseIsAwayAndRecoverAfter() {
        Http http = new Http(port);
        Apps.TestApp app = Apps.create(administration, new PasswordPolicy(6, 100, false));
        assertThat(http.post("/auth/v1/register", """
                {"nickname":"n","password":"secret1","contact_type":"email","contact":"outage@example.com","app_id":"%s"}
                """.formatted(app.appId()), "Authorization", app.authorization()).status()).isEqualTo(201);
        Http.Response chat = http.post("/api/auth/register", """
                {"email":"outage@example.com","password":"secure-password1","displayName":"Outage"}
                """);
        assertThat(chat.status()).as(chat.toString()).isEqualTo(201);
        String chatUserId = chat.json().get("user").get("id").asString();
        String chatAuth = Http.bearer(chat.text("accessToken"));
        Http.Response envelope = http.post("/auth/register", """
                {"username":"outage_user","password":"password123","nickname":"n"}
                """);
        assertThat(envelope.status()).as(envelope.toString()).isEqualTo(201);
        String envelopeRefresh = envelope.json().get("data").get("refresh_token").asString();

        proxy.cut();

        String canonicalLogin = """
                {"contact_type":"email","contact":"outage@example.com","password":"secret1","app_id":"%s"}
                """.formatted(app.appId());
        String chatLogin = "{\"email\":\"outage@example.com\",\"password\":\"secure-password1\"}";
        String envelopeLogin = "{\"identifier\":\"outage_user\",\"password\":\"password123\"}";

        assertUnavailable(http.post("/auth/v1/login", canonicalLogin, "Authorization", app.authorization()), false);
        assertUnavailable(http.post("/auth/v1/captcha", """
                {"contact_type":"email","contact":"outage@example.com","scene":"captcha_login","app_id":"%s"}
                """.formatted(app.appId()), "Authorization", app.authorization()), false);
        assertUnavailable(http.post("/auth/login", envelopeLogin), true);
        assertUnavailable(http.post("/auth/refresh", "{\"refresh_token\":\"" + envelopeRefresh + "\"}"), true);
        // An email, not the username: a username is refused (400) before any reading, since the
        // app comes from passport's short-lived copy and a reset code goes only to an email or phone.
        assertUnavailable(http.post("/auth/forgot-password", "{\"identifier\":\"outage@example.com\"}"), true);
        assertUnavailable(http.post("/api/auth/login", chatLogin), false);
        assertUnavailable(http.post("/api/auth/refresh", "{\"refreshToken\":\"" + chat.text("refreshToken") + "\"}"), false);
        assertUnavailable(http.post("/api/auth/email/start", "{\"email\":\"outage@example.com\"}"), false);
        assertUnavailable(http.get("/api/auth/users/" + chatUserId, "Authorization", chatAuth), false);

        proxy.restore();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(http.post("/api/auth/login", chatLogin).status()).isEqualTo(200));
        assertThat(http.post("/auth/v1/login", canonicalLogin, "Authorization", app.authorization()).status()).isEqualTo(200);
        assertThat(http.post("/auth/login", envelopeLogin).status()).isEqualTo(200);
        Http.Response refreshed = http.post("/auth/refresh", "{\"refresh_token\":\"" + envelopeRefresh + "\"}");
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        Http.Response profile = http.get("/api/auth/users/" + chatUserId, "Authorization", chatAuth);
        assertThat(profile.status()).as(profile.toString()).isEqualTo(200);
        assertThat(http.post("/api/auth/email/start", "{\"email\":\"outage@example.com\"}").status()).isBetween(200, 206);
    }

    private static void assertUnavailable(Http.Response response, boolean envelope) {
        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.headers().get("retry-after")).as(response.toString()).singleElement()
                .satisfies(seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
        JsonNode body = response.json();
        if (envelope) {
            assertThat(body.get("success").asBoolean()).isFalse();
            assertThat(body.get("error_code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
        } else {
            assertThat(body.get("error").asString()).isEqualTo("SERVICE_UNAVAILABLE");
        }
        assertThat(body.get("message").asString()).isNotBlank();
    }
}
