package io.passportsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.passportsuite.common.testing.ServiceProbe;

/**
 * An app's backend validates its users' tokens through the gateway again and again; the gateway
 * gives passport's recent answer itself, yet a token of another app is refused, whoever asks and
 * with whatever headers, and a logout ends a token's validity at once, not a moment later.
 */
class TokenValidationEndToEndTest {

    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static GatewaySuite suite;
    private static ServiceProbe gateway;
    private static String keyA;
    private static String keyB;

    @BeforeAll
    static void startSuite() {
        suite = GatewaySuite.shared();
        gateway = suite.throughGateway;
        keyA = suite.createApp("validate-a");
        keyB = suite.createApp("validate-b");
    }

    @Test
    void shouldAnswerRepeatedValidationsForTheKeysOwnAppOnly() {
        String email = "repeat-" + UUID.randomUUID() + "@example.com";
        String token = suite.accessTokenOfNewUser(keyA, "validate-a", email, "correct horse battery");
        double answeredByGateway = gatewayAnswers();

        // The answers are the same whoever gives them: the gateway's counter shows that it gave
        // some itself (the first goes to passport; one within 0.5 s of passport's answer is the
        // gateway's). Bursts until the counter moves, at most 20: a gateway that never answers
        // fails, a machine too slow for one burst's 0.5 s does not.
        boolean answeredItself = false;
        for (int burst = 0; burst < 20 && !answeredItself; burst++) {
            for (int i = 0; i < 3; i++) {
                ServiceProbe.Response own = validate(keyA, token);
                assertThat(own.status()).as(own.body()).isEqualTo(200);
                assertThat(own.json().get("app_id").asString()).isEqualTo("validate-a");
                assertThat(own.json().get("role").asString()).isEqualTo("user");
            }
            answeredItself = gatewayAnswers() > answeredByGateway;
        }
        assertThat(answeredItself).as("validations answered by the gateway").isTrue();
        ServiceProbe.Response otherKey = validate(keyB, token);
        ServiceProbe.Response spoofed = gateway.post("/auth/v1/token/validate", "{\"token\":\"" + token + "\"}",
                "Authorization", "Bearer " + keyB, "X-Passport-App-Id", "validate-a",
                "X-Passport-Internal-Credential", GatewaySuite.INTERNAL_CREDENTIAL);
        ServiceProbe.Response noKey = gateway.post("/auth/v1/token/validate", "{\"token\":\"" + token + "\"}",
                "X-Passport-App-Id", "validate-a");

        assertThat(otherKey.status()).as(otherKey.body()).isEqualTo(401);
        assertThat(otherKey.json().get("error").asString()).isEqualTo("INVALID_TOKEN");
        assertThat(spoofed.status()).as(spoofed.body()).isEqualTo(401);
        assertThat(noKey.status()).as(noKey.body()).isEqualTo(401);
        assertThat(noKey.json().get("error").asString()).isEqualTo("INVALID_API_KEY");
    }

    @Test
    void shouldRefuseATokenRightAfterItsLogoutAndKeepTheUsersOtherSession() throws Exception {
        String email = "logout-" + UUID.randomUUID() + "@example.com";
        String leaving = suite.accessTokenOfNewUser(keyA, "validate-a", email, "correct horse battery");
        String staying = login(keyA, "validate-a", email, "correct horse battery");
        for (int i = 0; i < 3; i++) {
            assertThat(validate(keyA, leaving).status()).isEqualTo(200);
            assertThat(validate(keyA, staying).status()).isEqualTo(200);
        }

        HttpResponse<String> logout = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/auth/v1/logout"))
                .header("Authorization", "Bearer " + keyA).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + leaving + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        ServiceProbe.Response right = validate(keyA, leaving);

        assertThat(logout.statusCode()).as(logout.body()).isEqualTo(200);
        assertThat(logout.headers().map().keySet()).as("an internal header never reaches a client")
                .noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT).startsWith("x-passport-"));
        assertThat(right.status()).as("refused at once: " + right.body()).isEqualTo(401);
        assertThat(right.json().get("error").asString()).isEqualTo("INVALID_TOKEN");
        assertThat(validate(keyA, staying).status()).isEqualTo(200);
    }

    private static String login(String key, String appId, String email, String password) {
        ServiceProbe.Response login = gateway.post("/auth/v1/login", """
                {"contact_type":"email","contact":"%s","password":"%s","app_id":"%s"}
                """.formatted(email, password, appId), "Authorization", "Bearer " + key);
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return login.json().get("access_token").asString();
    }

    /** passport_gateway_token_validate_answers_total{source="gateway"} from the gateway's management server. */
    private static double gatewayAnswers() {
        ServiceProbe.Response metrics = suite.gatewayManagement.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        return metrics.body().lines()
                .filter(line -> line.startsWith("passport_gateway_token_validate_answers_total{") && line.contains("source=\"gateway\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static ServiceProbe.Response validate(String key, String token) {
        return gateway.post("/auth/v1/token/validate", "{\"token\":\"" + token + "\"}", "Authorization", "Bearer " + key);
    }
}
