package io.passportsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.passportsuite.common.testing.ServiceProbe;
import io.passportsuite.common.testing.TestKafka;
import io.passportsuite.common.testing.TestPostgres;
import tools.jackson.databind.JsonNode;

/**
 * Boots discovery, passport and the gateway from their packaged jars, each in its own JVM with
 * real PostgreSQL and Kafka, and checks the suite the way an operator does: through the gateway.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SuiteThroughGatewayTest {

    private static final Duration STARTUP = Duration.ofSeconds(180);

    private static SuiteProcess discovery;
    private static SuiteProcess passport;
    private static SuiteProcess gateway;
    private static ServiceProbe throughGateway;

    @BeforeAll
    static void startSuite() {
        int discoveryPort = freePort();
        int passportPort = freePort();
        int gatewayPort = freePort();
        String eurekaUrl = "http://127.0.0.1:" + discoveryPort + "/eureka/";
        TestPostgres.Database database = TestPostgres.freshDatabase("e2e_passport");
        Map<String, String> common = Map.of("EUREKA_URL", eurekaUrl, "SUITE_ENVIRONMENT", "test",
                "KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers());

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
                "--passport.status.services=passport-service",
                "--passport.status.cache-ttl=0s"));
        throughGateway = ServiceProbe.onPort(gatewayPort);

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
        // Passport answers a path it does not serve with its own stable code, which a 404 of the
        // gateway itself (no route) would not carry.
        ServiceProbe.Response response = throughGateway.get("/auth/v1/no-such-endpoint");

        assertThat(response.status()).isEqualTo(404);
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
        String accessToken = registered.json().get("accessToken").asString();

        ServiceProbe.Response me = throughGateway.get("/api/auth/me", "Authorization", "Bearer " + accessToken);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("displayName").asString()).isEqualTo("End To End");

        ServiceProbe.Response jwks = throughGateway.get("/.well-known/jwks.json");
        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.json().get("keys").get(0).get("alg").asString()).isEqualTo("RS256");
    }

    @Test
    @Order(4)
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

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
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
