package io.passportsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.passportsuite.common.events.Topics;
import io.passportsuite.common.testing.ServiceProbe;
import io.passportsuite.common.testing.TestKafka;
import io.passportsuite.common.testing.TestPostgres;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Boots discovery, passport and the gateway from their packaged jars, each in its own JVM with
 * real PostgreSQL and Kafka, and checks the suite the way an operator does: through the gateway.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SuiteThroughGatewayTest {

    private static final Duration STARTUP = Duration.ofSeconds(180);
    private static final String INTERNAL_CREDENTIAL = "e2e-credential-8Rk2Wm5Xq9Lz3Tb7Vn1Hc4Jd6Pf0";
    /** The message the gateway refuses a revoked session's token with; passport's own refusal words it differently. */
    private static final String GATEWAY_REVOKED_SESSION = "The access token's session has ended";

    private static SuiteProcess discovery;
    private static SuiteProcess passport;
    private static SuiteProcess gateway;
    private static ServiceProbe throughGateway;
    private static ServiceProbe passportDirectly;
    private static String accessToken;

    @BeforeAll
    static void startSuite() {
        int discoveryPort = freePort();
        int passportPort = freePort();
        int gatewayPort = freePort();
        String eurekaUrl = "http://127.0.0.1:" + discoveryPort + "/eureka/";
        TestPostgres.Database database = TestPostgres.freshDatabase("e2e_passport");
        Map<String, String> common = Map.of("EUREKA_URL", eurekaUrl, "SUITE_ENVIRONMENT", "test",
                "KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers(), "SUITE_INTERNAL_CREDENTIAL", INTERNAL_CREDENTIAL);

        discovery = SuiteProcess.start("discovery-server", common, List.of("--server.port=" + discoveryPort));
        Map<String, String> passportEnvironment = new java.util.HashMap<>(common);
        // A fresh random key: passport refuses to start without one outside local mode.
        passportEnvironment.put("PASSPORT_KEY_ENCRYPTION_KEY", randomKey());
        passport = SuiteProcess.start("passport-service", passportEnvironment, List.of(
                "--server.port=" + passportPort,
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password()));
        gateway = SuiteProcess.start("gateway", common, List.of(
                "--server.port=" + gatewayPort,
                "--management.server.port=" + freePort(),
                "--passport.status.services=passport-service",
                "--passport.status.cache-ttl=0s"));
        throughGateway = ServiceProbe.onPort(gatewayPort);
        passportDirectly = ServiceProbe.onPort(passportPort);

        awaitStatus(body -> "running".equals(body.get("status").asString()), STARTUP);
    }

    @AfterAll
    static void stopSuite() {
        for (SuiteProcess process : new SuiteProcess[] {gateway, passport, discovery}) {
            if (process != null) {
                process.close();
            }
        }
    }

    @Test
    @Order(1)
    void shouldReportTheSuiteRunningWithEveryServiceUp() {
        ServiceProbe.Response response = throughGateway.get("/");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("service").asString()).isEqualTo("Passport Suite");
        assertThat(body.get("version").asString()).isEqualTo(System.getProperty("suite.version"));
        assertThat(body.get("environment").asString()).isEqualTo("test");
        assertThat(body.get("storage_mode").asString()).isEqualTo("database");
        assertThat(body.get("services").get("discovery-server").asString()).isEqualTo("UP");
        assertThat(body.get("services").get("passport-service").asString()).isEqualTo("UP");
        assertThat(body.get("down").isEmpty()).isTrue();
    }

    @Test
    @Order(2)
    void shouldRouteAPassportPathToPassportThroughDiscovery() {
        // The gateway checks the API key with passport before routing: a key of a fresh app.
        ServiceProbe.Response app = passportDirectly.post("/internal/apps", """
                {"app_id":"e2e-app","name":"End To End"}
                """, "X-Passport-Internal-Credential", INTERNAL_CREDENTIAL);
        assertThat(app.status()).as(app.body()).isEqualTo(201);
        ServiceProbe.Response key = passportDirectly.post("/internal/apps/e2e-app/api-keys", "{}",
                "X-Passport-Internal-Credential", INTERNAL_CREDENTIAL);
        String apiKey = key.json().get("api_key").asString();
        assertThat(throughGateway.get("/auth/v1/no-such-endpoint").json().get("error").asString()).isEqualTo("INVALID_API_KEY");

        // Passport answers a path it does not serve with 404 NOT_FOUND: the key passed the gateway.
        ServiceProbe.Response response = throughGateway.get("/auth/v1/no-such-endpoint", "Authorization", "Bearer " + apiKey);

        assertThat(response.status()).as(response.body()).isEqualTo(404);
        assertThat(response.json().get("error").asString()).isEqualTo("NOT_FOUND");
        assertThat(response.body()).doesNotContain("Exception");
    }

    @Test
    @Order(3)
    void shouldRegisterAndServeTheProfileThroughTheGateway() {
        ServiceProbe.Response registered = throughGateway.post("/api/auth/register", """
                {"email":"e2e@example.com","password":"secure-password1","displayName":"End To End"}
                """);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        accessToken = registered.json().get("accessToken").asString();

        ServiceProbe.Response me = throughGateway.get("/api/auth/me", "Authorization", "Bearer " + accessToken,
                "X-Passport-User-Id", UUID.randomUUID().toString());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("displayName").asString()).isEqualTo("End To End");
        assertThat(throughGateway.get("/api/auth/me").status()).as("no token, refused at the gateway").isEqualTo(401);

        ServiceProbe.Response jwks = throughGateway.get("/.well-known/jwks.json");
        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.json().get("keys").get(0).get("alg").asString()).isEqualTo("RS256");
    }

    @Test
    @Order(4)
    void shouldRefuseTheTokenAtTheGatewayWithinOneSecondOfTheLogoutEvent() {
        String sessionId = claim(accessToken, "sid");
        ServiceProbe.Response logout = throughGateway.post("/auth/logout", "{}", "Authorization", "Bearer " + accessToken);
        assertThat(logout.status()).as(logout.body()).isEqualTo(200);

        long refusedAt = 0;
        long deadline = System.currentTimeMillis() + 10_000;
        while (refusedAt == 0 && System.currentTimeMillis() < deadline) {
            ServiceProbe.Response me = throughGateway.get("/api/auth/me", "Authorization", "Bearer " + accessToken);
            if (me.status() == 401 && GATEWAY_REVOKED_SESSION.equals(me.json().get("message").asString())) {
                refusedAt = System.currentTimeMillis();
            }
        }
        List<ConsumerRecord<String, String>> events = TestKafka.readFromStart(
                Topics.USER_EVENTS,
                event -> event.value().contains("user.session-revoked") && event.value().contains(sessionId), 1, Duration.ofSeconds(10));

        assertThat(refusedAt).as("the gateway refused the token of the ended session").isPositive();
        assertThat(events).hasSize(1);
        assertThat(refusedAt - events.getFirst().timestamp()).as("ms from publication to refusal").isLessThan(1_000);
    }

    @Test
    @Order(5)
    void shouldNamePassportAsDownOnceItStops() {
        passport.close();

        JsonNode body = awaitStatus(status -> "error".equals(status.get("status").asString()), Duration.ofSeconds(30));

        assertThat(body.get("services").get("passport-service").asString()).isEqualTo("DOWN");
        assertThat(body.get("down").values()).extracting(JsonNode::asString).containsExactly("passport-service");
    }

    private static JsonNode awaitStatus(Predicate<JsonNode> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            for (SuiteProcess process : List.of(discovery, gateway)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(process.describe() + " exited");
                }
            }
            try {
                ServiceProbe.Response response = throughGateway.get("/");
                last = response.body();
                if (response.status() == 200 && condition.test(response.json())) {
                    return response.json();
                }
            } catch (IllegalStateException notUpYet) {
                last = notUpYet.getMessage();
            }
            sleep(Duration.ofMillis(500));
        }
        throw new AssertionError("GET / did not reach the expected state within " + timeout + "; last answer: " + last
                + "; see " + passport.describe());
    }

    private static String claim(String jwt, String name) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return new JsonMapper().readTree(payload).get(name).asString();
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
