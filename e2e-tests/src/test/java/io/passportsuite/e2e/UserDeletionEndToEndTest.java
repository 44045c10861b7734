package io.passportsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.passportsuite.common.testing.ServiceProbe;
import tools.jackson.databind.JsonNode;

/**
 * An administrator deletes a user through the gateway: passport erases the account and says so on
 * Kafka, the gateway refuses the user's token, and membership-service erases the user's membership.
 * An administrator cannot delete their own account.
 */
class UserDeletionEndToEndTest {

    private static final Duration EVENTUAL = Duration.ofSeconds(60);
    private static final HttpClient http = HttpClient.newHttpClient();

    private static GatewaySuite suite;
    private static ServiceProbe gateway;
    private static String adminToken;
    private static String adminId;

    @BeforeAll
    static void startSuite() {
        suite = GatewaySuite.shared();
        gateway = suite.throughGateway;
        ServiceProbe.Response login = awaitAdminLogin();
        assertThat(login.status()).as("the gateway routes to admin-service: " + login.body()).isEqualTo(200);
        adminToken = login.json().get("data").get("access_token").asString();
        adminId = login.json().get("data").get("admin").get("id").asString();
        // admin-service finds membership-service through discovery too, and may not have fetched it yet.
        ServiceProbe.Response tiers = suite.awaitRouted("/admin/tiers", Duration.ofSeconds(60), bearer(adminToken));
        assertThat(tiers.status()).as("admin-service reaches membership-service: " + tiers.body()).isEqualTo(200);
    }

    @Test
    void shouldDeleteAUserWhoseTokenTheGatewayThenRefusesAndWhoseMembershipIsErased() {
        String email = "delete-me-" + UUID.randomUUID() + "@example.com";
        ServiceProbe.Response registered = gateway.post("/api/auth/register",
                "{\"email\":\"%s\",\"password\":\"secure-password1\"}".formatted(email));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String token = registered.json().get("accessToken").asString();
        JsonNode me = gateway.get("/api/auth/me", bearer(token)).json();
        String userId = (me.has("user") ? me.get("user") : me).get("id").asString();
        ServiceProbe.Response invite = gateway.post("/admin/invites", "{\"tier\":\"member\",\"max_uses\":1}", bearer(adminToken));
        assertThat(invite.status()).as(invite.body()).isEqualTo(201);
        ServiceProbe.Response redeemed = gateway.post("/api/membership/redeem-invite",
                "{\"inviteCode\":\"%s\"}".formatted(invite.json().get("data").get("invite").get("code").asString()), bearer(token));
        assertThat(redeemed.status()).as(redeemed.body()).isEqualTo(200);
        assertThat(tierOf(userId)).isEqualTo("member");

        ServiceProbe.Response deleted = send("DELETE", "/admin/users/" + userId, bearer(adminToken));

        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.json().get("success").asBoolean()).isTrue();
        ServiceProbe.Response refused = await(() -> gateway.get("/api/auth/me", bearer(token)), 401);
        assertThat(refused.status()).as("the gateway heard of the ended sessions: " + refused.body()).isEqualTo(401);
        assertThat(gateway.post("/api/auth/login", "{\"email\":\"%s\",\"password\":\"secure-password1\"}".formatted(email)).status())
                .isEqualTo(401);
        assertThat(gateway.get("/admin/users/" + userId, bearer(adminToken)).status()).isEqualTo(404);
        ServiceProbe.Response membership = await(() -> gateway.get("/admin/users/" + userId + "/membership", bearer(adminToken)),
                200, "none");
        assertThat(membership.json().get("data").get("membership").get("status").asString())
                .as("membership-service erased it on user.deleted").isEqualTo("none");
        ServiceProbe.Response audit = gateway.get("/admin/audit?target=" + userId, bearer(adminToken));
        assertThat(audit.json().get("data").get("entries").get(0).get("action").asString()).isEqualTo("user.delete");
    }

    @Test
    void shouldRefuseAnAdministratorDeletingTheirOwnAccount() {
        ServiceProbe.Response own = send("DELETE", "/admin/users/" + adminId, bearer(adminToken));

        assertThat(own.status()).as(own.body()).isEqualTo(400);
        assertThat(own.json().get("error_code").asString()).isEqualTo("ADMIN_OPERATION_FAILED");
        assertThat(gateway.get("/admin/users/" + adminId, bearer(adminToken)).status()).isEqualTo(200);
    }

    private static String tierOf(String userId) {
        ServiceProbe.Response membership = gateway.get("/admin/users/" + userId + "/membership", bearer(adminToken));
        assertThat(membership.status()).as(membership.body()).isEqualTo(200);
        return membership.json().get("data").get("membership").get("tier").asString();
    }

    private static ServiceProbe.Response await(java.util.function.Supplier<ServiceProbe.Response> call, int status, String... contained) {
        long deadline = System.nanoTime() + EVENTUAL.toNanos();
        ServiceProbe.Response response = call.get();
        while (!(response.status() == status && containsAll(response.body(), contained)) && System.nanoTime() < deadline) {
            GatewaySuite.sleep(Duration.ofMillis(100));
            response = call.get();
        }
        return response;
    }

    private static boolean containsAll(String body, String... parts) {
        for (String part : parts) {
            if (!body.contains("\"" + part + "\"")) {
                return false;
            }
        }
        return true;
    }

    private static ServiceProbe.Response awaitAdminLogin() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String body = "{\"identifier\":\"%s\",\"password\":\"%s\"}".formatted(GatewaySuite.ADMIN_USERNAME, GatewaySuite.ADMIN_PASSWORD);
        ServiceProbe.Response response = gateway.post("/admin/auth/login", body);
        while (response.status() == 503 && System.nanoTime() < deadline) {
            GatewaySuite.sleep(Duration.ofMillis(250));
            response = gateway.post("/admin/auth/login", body);
        }
        return response;
    }

    /** DELETE, which {@link ServiceProbe} does not send. */
    private static ServiceProbe.Response send(String method, String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new ServiceProbe.Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }
}
