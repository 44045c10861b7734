package io.passportsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.passportsuite.common.testing.ServiceProbe;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Asset Service through the gateway: an app's backend uploads with its key, anyone fetches the
 * file at its URL, only the app deletes it; and the avatar flow of the AtSeeker reference (upload,
 * then the URL as the user's avatar), seen the same on the canonical, chat and envelope surfaces.
 */
class AssetEndToEndTest {

    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper json = new JsonMapper();

    private static GatewaySuite suite;
    private static ServiceProbe gateway;
    private static String keyA;
    private static String keyB;

    @BeforeAll
    static void startSuite() {
        suite = GatewaySuite.shared();
        gateway = suite.throughGateway;
        keyA = suite.createApp("asset-a");
        keyB = suite.createApp("asset-b");
        ServiceProbe.Response routed = suite.awaitRouted("/asset/v1/files/" + UUID.randomUUID(), Duration.ofSeconds(60));
        assertThat(routed.status()).as("the gateway routes to asset-service: " + routed.body()).isEqualTo(404);
    }

    @Test
    void shouldServeAnUploadPubliclyAndLetOnlyItsAppDeleteIt() {
        Answer uploaded = upload(png(24, 16), "Authorization", "Bearer " + keyA);
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        JsonNode file = uploaded.json();
        String url = file.get("url").asString();
        assertThat(url).isEqualTo("http://127.0.0.1:" + suite.gatewayPort + "/asset/v1/files/" + file.get("file_id").asString());
        assertThat(file.get("width").asInt()).isEqualTo(24);

        Answer fetched = send("GET", url, null, null);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.response().headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(fetched.response().headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(decode(fetched.response().body()).getHeight()).isEqualTo(16);

        Answer otherApp = send("DELETE", url, null, null, "Authorization", "Bearer " + keyB);
        assertThat(otherApp.status()).isEqualTo(404);
        assertThat(otherApp.json().get("error").asString()).isEqualTo("NOT_FOUND");
        Answer noKey = send("DELETE", url, null, null);
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(noKey.json().get("error").asString()).isEqualTo("INVALID_API_KEY");
        assertThat(send("GET", url, null, null).status()).as("still there").isEqualTo(200);

        assertThat(send("DELETE", url, null, null, "Authorization", "Bearer " + keyA).status()).isEqualTo(204);
        assertThat(send("GET", url, null, null).status()).isEqualTo(404);
    }

    @Test
    void shouldRefuseUploadsWithoutAKeyWhateverHeadersComeWithThem() {
        Answer noKey = upload(png(4, 4));
        Answer spoofed = upload(png(4, 4), "X-Passport-App-Id", "asset-a",
                "X-Passport-Internal-Credential", GatewaySuite.INTERNAL_CREDENTIAL);
        Answer unknownKey = upload(png(4, 4), "Authorization", "Bearer psk_not-a-key");

        for (Answer answer : new Answer[] {noKey, spoofed, unknownKey}) {
            assertThat(answer.status()).as(answer.text()).isEqualTo(401);
            assertThat(answer.json().get("error").asString()).isEqualTo("INVALID_API_KEY");
        }
    }

    @Test
    void shouldRefuseAFileThatIsNoImageThroughTheGateway() {
        Answer html = upload("<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8), "Authorization", "Bearer " + keyA);

        assertThat(html.status()).as(html.text()).isEqualTo(415);
        assertThat(html.json().get("error").asString()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void shouldShowAnUploadedAvatarOnEverySurface() {
        String email = "avatar-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        ServiceProbe.Response registered = gateway.post("/api/auth/register", """
                {"email":"%s","password":"secure-password1"}
                """.formatted(email));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String token = registered.json().get("accessToken").asString();
        String userId = gateway.get("/api/auth/me", "Authorization", "Bearer " + token).json().get("id").asString();
        String platformKey = suite.issueKey("default");

        // 1. Upload the picture with the app's key; 2. make its URL the user's avatar.
        Answer uploaded = upload(png(32, 32), "Authorization", "Bearer " + platformKey);
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        String url = uploaded.json().get("url").asString();
        ServiceProbe.Response updated = gateway.put("/auth/v1/users/" + userId, """
                {"userId":"%s","avatar":"%s"}
                """.formatted(userId, url), "Authorization", "Bearer " + platformKey);
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("avatar").asString()).isEqualTo(url);

        // 3. Every surface shows that URL, and the URL serves the picture to anyone.
        assertThat(gateway.get("/auth/v1/users/" + userId, "Authorization", "Bearer " + platformKey).json().get("avatar").asString())
                .isEqualTo(url);
        assertThat(gateway.get("/api/auth/me", "Authorization", "Bearer " + token).json().get("avatarUrl").asString()).isEqualTo(url);
        ServiceProbe.Response envelopeLogin = gateway.post("/auth/login", """
                {"identifier":"%s","password":"secure-password1"}
                """.formatted(email));
        assertThat(envelopeLogin.status()).as(envelopeLogin.body()).isEqualTo(200);
        assertThat(envelopeLogin.json().get("data").get("user").get("avatar_url").asString()).isEqualTo(url);
        assertThat(send("GET", url, null, null).status()).isEqualTo(200);
    }

    private static Answer upload(byte[] content, String... headers) {
        String boundary = "----e2e" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"avatar.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send("POST", "http://127.0.0.1:" + suite.gatewayPort + "/asset/v1/files/upload",
                "multipart/form-data; boundary=" + boundary, body.toByteArray(), headers);
    }

    private static Answer send(String method, String url, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
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
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0x3366FF);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
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
