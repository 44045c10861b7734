package io.passportsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.passportsuite.common.testing.ServiceProbe;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An operator sets a tenant's upload settings in the back office, and the tenant's next upload
 * through the gateway meets them: asset-service's own settings API is reached only by
 * admin-service, never through the gateway, and a user's token does not reach the back office.
 */
class AppUploadSettingsEndToEndTest {

    private static final String APP = "gallery";
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper json = new JsonMapper();

    private static GatewaySuite suite;
    private static ServiceProbe gateway;
    private static String apiKey;

    @BeforeAll
    static void startSuite() {
        suite = GatewaySuite.shared();
        gateway = suite.throughGateway;
        apiKey = suite.createApp(APP);
        ServiceProbe.Response routed = suite.awaitRouted("/asset/v1/files/" + UUID.randomUUID(), Duration.ofSeconds(60));
        assertThat(routed.status()).as("the gateway routes to asset-service: " + routed.body()).isEqualTo(404);
        // admin-service finds asset-service through discovery too, which may list it a little later.
        ServiceProbe.Response settings = suite.awaitRouted("/admin/apps/" + APP + "/assets", Duration.ofSeconds(90), bearer(adminToken()));
        assertThat(settings.status()).as("admin-service reaches asset-service: " + settings.body()).isEqualTo(200);
    }

    @Test
    void shouldHoldTheAppsNextUploadToTheLimitTheOperatorSet() {
        String admin = adminToken();
        byte[] noisy = png(64, 64, true);
        assertThat(noisy.length).isGreaterThan(4096);
        assertThat(upload(noisy).status()).as("within the default limit").isEqualTo(201);

        Answer lowered = send("PUT", "/admin/apps/" + APP + "/assets", "application/json",
                "{\"max_file_bytes\":4096,\"allowed_types\":[\"image/png\"]}".getBytes(StandardCharsets.UTF_8), bearer(admin));
        assertThat(lowered.status()).as(lowered.text()).isEqualTo(200);
        assertThat(lowered.json().get("data").get("after").get("max_file_bytes").asLong()).isEqualTo(4096);

        Answer refused = upload(noisy);
        assertThat(refused.status()).as(refused.text()).isEqualTo(413);
        assertThat(refused.json().get("error").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(upload(png(4, 4, false)).status()).as("under the new limit").isEqualTo(201);

        JsonNode shown = gateway.get("/admin/apps/" + APP + "/assets", bearer(admin)).json().get("data").get("assets");
        assertThat(shown.get("max_file_bytes").asLong()).isEqualTo(4096);
        assertThat(shown.get("from_defaults").valueStream().map(JsonNode::asString)).containsExactly("quota_bytes");
        assertThat(shown.get("usage").get("file_count").asLong()).isEqualTo(2);
        ServiceProbe.Response audit = gateway.get("/admin/audit?action=app.update_upload_settings&target=" + APP, bearer(admin));
        assertThat(audit.json().get("data").get("total").asLong()).as(audit.body()).isEqualTo(1);
    }

    @Test
    void shouldKeepUsersAndClientsOffTheSettings() {
        String email = "viewer-" + UUID.randomUUID() + "@example.com";
        ServiceProbe.Response registered = gateway.post("/api/auth/register",
                "{\"email\":\"%s\",\"password\":\"secure-password1\"}".formatted(email));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String userToken = registered.json().get("accessToken").asString();
        byte[] raise = "{\"max_file_bytes\":11468800}".getBytes(StandardCharsets.UTF_8);

        assertThat(gateway.get("/admin/apps/" + APP + "/assets", bearer(userToken)).status()).isEqualTo(403);
        Answer put = send("PUT", "/admin/apps/" + APP + "/assets", "application/json", raise, bearer(userToken));
        assertThat(put.status()).as(put.text()).isEqualTo(403);
        assertThat(put.json().get("error_code").asString()).isEqualTo("FORBIDDEN");
        assertThat(gateway.get("/admin/apps/" + APP + "/assets").status()).isEqualTo(401);
        // asset-service's own settings API, with the app's key or without: the gateway routes no /internal path.
        for (String path : new String[] {"/internal/apps/" + APP + "/settings", "/asset/v1/../../internal/apps/" + APP + "/settings",
                "/asset/v1/%2e%2e/%2e%2e/internal/apps/" + APP + "/settings"}) {
            Answer internal = send("PUT", path, "application/json", raise, "Authorization", "Bearer " + apiKey);
            assertThat(internal.status()).as(path + ": " + internal.text()).isEqualTo(404);
        }
        assertThat(gateway.get("/admin/apps/no-such-app/assets", bearer(adminToken())).status()).isEqualTo(404);
        JsonNode shown = gateway.get("/admin/apps/" + APP + "/assets", bearer(adminToken())).json().get("data").get("assets");
        assertThat(shown.get("max_file_bytes").asLong()).isNotEqualTo(11468800L);
    }

    private static Answer upload(byte[] png) {
        String boundary = "----e2e" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(png);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send("POST", "/asset/v1/files/upload", "multipart/form-data; boundary=" + boundary, body.toByteArray(),
                "Authorization", "Bearer " + apiKey);
    }

    private static byte[] png(int width, int height, boolean noisy) {
        Random random = new Random(width * 31L + height);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, noisy ? random.nextInt(0xFFFFFF) : 0x3366FF);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static String adminToken() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String body = "{\"identifier\":\"%s\",\"password\":\"%s\"}".formatted(GatewaySuite.ADMIN_USERNAME, GatewaySuite.ADMIN_PASSWORD);
        ServiceProbe.Response login = gateway.post("/admin/auth/login", body);
        while (login.status() == 503 && System.nanoTime() < deadline) {
            GatewaySuite.sleep(Duration.ofMillis(250));
            login = gateway.post("/admin/auth/login", body);
        }
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return login.json().get("data").get("access_token").asString();
    }

    private static Answer send(String method, String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            return new Answer(http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray()));
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

    private record Answer(HttpResponse<byte[]> response) {

        int status() {
            return response.statusCode();
        }

        String text() {
            return new String(response.body(), StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return json.readTree(response.body());
        }
    }
}
