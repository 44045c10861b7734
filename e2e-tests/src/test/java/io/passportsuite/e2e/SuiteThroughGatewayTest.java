package io.passportsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Boots discovery, passport and the gateway from their packaged jars, each in its own JVM with
 * real PostgreSQL and Kafka, and checks the suite the way an operator does: through the gateway.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SuiteThroughGatewayTest {

    /** The message the gateway refuses a revoked session's token with; passport's own refusal words it differently. */
    private static final String GATEWAY_REVOKED_SESSION = "The access token's session has ended";

    private static GatewaySuite suite;
    private static ServiceProbe throughGateway;
    private static String accessToken;

    @BeforeAll
    static void startSuite() {
        suite = GatewaySuite.start("passport");
        throughGateway = suite.throughGateway;
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    private double meAnswersFromGateway() {
        String metrics = suite.gatewayManagement.get("/actuator/prometheus").body();
        return metrics.lines().filter(line -> line.startsWith("passport_gateway_me_answers_total") && line.contains("source=\"gateway\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
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
        String apiKey = suite.createApp("e2e-app");
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

        // The gateway gives passport's answer again for the same token, and never once its user changed the profile.
        String bearer = "Bearer " + accessToken;
        String platformKey = "Bearer " + suite.issueKey("default");
        String userId = me.json().get("id").asString();
        assertThat(throughGateway.get("/api/auth/me", "Authorization", bearer).body()).isEqualTo(me.body());
        double fromGateway = meAnswersFromGateway();
        assertThat(throughGateway.get("/api/auth/me", "Authorization", bearer).body()).isEqualTo(me.body());
        assertThat(meAnswersFromGateway()).as("the second answer is the gateway's").isGreaterThan(fromGateway);
        assertThat(throughGateway.patch("/api/auth/me", "{\"displayName\":\"Renamed By User\"}", "Authorization", bearer).status())
                .isEqualTo(200);
        assertThat(throughGateway.get("/api/auth/me", "Authorization", bearer).json().get("displayName").asString())
                .isEqualTo("Renamed By User");
        assertThat(throughGateway.get("/api/auth/me", "Authorization", bearer).json().get("displayName").asString())
                .isEqualTo("Renamed By User");
        ServiceProbe.Response byApp = throughGateway.put("/auth/v1/users/" + userId, "{\"nickname\":\"Renamed By App\"}",
                "Authorization", platformKey);
        assertThat(byApp.status()).as(byApp.body()).isEqualTo(200);
        assertThat(throughGateway.get("/api/auth/me", "Authorization", bearer).json().get("displayName").asString())
                .as("an app's change, named by passport to the gateway").isEqualTo("Renamed By App");

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
        suite.passport.close();

        JsonNode body = suite.awaitStatus(status -> "error".equals(status.get("status").asString()), Duration.ofSeconds(30));

        assertThat(body.get("services").get("passport-service").asString()).isEqualTo("DOWN");
        assertThat(body.get("down").values()).extracting(JsonNode::asString).containsExactly("passport-service");
    }

    private static String claim(String jwt, String name) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return new JsonMapper().readTree(payload).get(name).asString();
    }
}
