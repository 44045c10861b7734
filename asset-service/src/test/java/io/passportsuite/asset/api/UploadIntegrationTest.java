package io.passportsuite.asset.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.passportsuite.asset.AssetCalls;
import io.passportsuite.asset.TestImages;
import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.common.web.SuiteHeaders;
import tools.jackson.databind.JsonNode;

/**
 * Uploads as an app's backend sends them through the gateway, and as an attacker would: files
 * disguised as images, images that lie about their size, bodies larger than allowed, another
 * app's file ids, identity headers without the suite's credential.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"passport.internal.credential=" + AssetCalls.CREDENTIAL, "asset.uploads.public-base-url=https://cdn.example.test/files/"})
@RealInfrastructure
class UploadIntegrationTest {

    private static Path storage;

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    private AssetCalls calls;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) throws IOException {
        storage = Files.createTempDirectory("asset-store-");
        registry.add("asset.storage.filesystem.root", storage::toString);
    }

    @BeforeEach
    void setUp() {
        calls = new AssetCalls(port);
    }

    @Test
    void shouldStoreAJpegTurnedAsItsExifSaysAndWithoutItsExif() {
        byte[] upload = TestImages.jpegWithExif(40, 20);
        assertThat(TestImages.contains(upload, "Exif")).isTrue();

        AssetCalls.Response response = calls.upload("app-jpeg", "photo.jpg", "image/jpeg", upload);

        assertThat(response.status()).as(response.text()).isEqualTo(201);
        JsonNode body = response.json();
        String fileId = body.get("file_id").asString();
        assertThat(body.get("url").asString()).isEqualTo("https://cdn.example.test/files/" + fileId);
        assertThat(body.get("content_type").asString()).isEqualTo("image/jpeg");
        assertThat(body.get("width").asInt()).isEqualTo(20);
        assertThat(body.get("height").asInt()).isEqualTo(40);

        byte[] stored = calls.get("/asset/v1/files/" + fileId, AssetCalls.publicly()).body();
        assertThat(body.get("size").asLong()).isEqualTo(stored.length);
        assertThat(TestImages.contains(stored, "Exif")).isFalse();
        BufferedImage image = TestImages.decode(stored);
        assertThat(image.getWidth()).isEqualTo(20);
        assertThat(image.getHeight()).isEqualTo(40);
        // Turned 90 degrees clockwise: the left (red) half is now on top, the right (blue) one below.
        assertThat(new Color(image.getRGB(10, 5)).getRed()).isGreaterThan(200);
        assertThat(new Color(image.getRGB(10, 35)).getBlue()).isGreaterThan(200);
    }

    @Test
    void shouldStoreAPngWithoutItsTextChunks() {
        byte[] upload = TestImages.pngWithText(TestImages.halves(16, 8), "Comment", "lat=48.8584,lon=2.2945");

        AssetCalls.Response response = calls.upload("app-png", "a.png", "image/png", upload);

        assertThat(response.status()).as(response.text()).isEqualTo(201);
        assertThat(response.json().get("content_type").asString()).isEqualTo("image/png");
        byte[] stored = calls.get("/asset/v1/files/" + response.json().get("file_id").asString(), AssetCalls.publicly()).body();
        assertThat(TestImages.contains(stored, "tEXt")).isFalse();
        assertThat(TestImages.contains(stored, "48.8584")).isFalse();
        assertThat(TestImages.decode(stored).getWidth()).isEqualTo(16);
    }

    @Test
    void shouldStoreWebPAndGifAsPng() {
        for (byte[] webp : List.of(TestImages.WEBP_LOSSY, TestImages.WEBP_LOSSLESS)) {
            AssetCalls.Response response = calls.upload("app-webp", "a.webp", "image/webp", webp);
            assertThat(response.status()).as(response.text()).isEqualTo(201);
            assertThat(response.json().get("content_type").asString()).isEqualTo("image/png");
            assertThat(response.json().get("width").asInt()).isEqualTo(1);
        }
        AssetCalls.Response gif = calls.upload("app-gif", "a.gif", "image/gif", TestImages.encode(TestImages.halves(12, 6), "gif"));
        assertThat(gif.status()).as(gif.text()).isEqualTo(201);
        assertThat(gif.json().get("content_type").asString()).isEqualTo("image/png");
        assertThat(gif.json().get("width").asInt()).isEqualTo(12);
        assertThat(gif.json().get("height").asInt()).isEqualTo(6);
    }

    @Test
    void shouldRefuseWhatIsNoImageWhateverItIsCalled() {
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8);
        byte[] html = "<!DOCTYPE html><html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.UTF_8);
        byte[] pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF".getBytes(StandardCharsets.US_ASCII);

        assertError(calls.upload("app-types", "a.svg", "image/svg+xml", svg), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertError(calls.upload("app-types", "avatar.png", "image/png", html), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertError(calls.upload("app-types", "avatar.png", "image/png", pdf), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(filesOf("app-types")).isZero();
    }

    @Test
    void shouldRefuseATypeTheAppDoesNotAllow() {
        jdbc.sql("INSERT INTO asset_app_settings (app_id, allowed_types) VALUES ('app-png-only', ARRAY['image/png'])").update();

        assertError(calls.upload("app-png-only", "a.jpg", "image/jpeg", TestImages.encode(TestImages.halves(8, 8), "jpeg")), 415,
                "UNSUPPORTED_MEDIA_TYPE");
        assertThat(calls.upload("app-png-only", "a.png", "image/png", TestImages.encode(TestImages.halves(8, 8), "png")).status())
                .isEqualTo(201);
    }

    @Test
    void shouldAnswerATruncatedImageWith422() {
        byte[] png = TestImages.encode(TestImages.noise(64, 64, 7), "png");

        assertError(calls.upload("app-broken", "a.png", "image/png", Arrays.copyOf(png, png.length / 2)), 422, "INVALID_IMAGE");
        byte[] jpeg = TestImages.encode(TestImages.noise(64, 64, 8), "jpeg");
        assertError(calls.upload("app-broken", "a.jpg", "image/jpeg", Arrays.copyOf(jpeg, jpeg.length / 2)), 422, "INVALID_IMAGE");
        assertThat(filesOf("app-broken")).isZero();
    }

    @Test
    void shouldRefuseAnImageThatClaimsTooManyPixelsFromItsHeader() {
        byte[] bomb = TestImages.pngClaiming(50_000, 50_000);
        assertThat(bomb.length).isLessThan(1024);

        // Decoding it would fail on the missing pixel data (INVALID_IMAGE): this answer comes from the header alone.
        AssetCalls.Response response = calls.upload("app-bomb", "a.png", "image/png", bomb);

        assertError(response, 422, "IMAGE_DIMENSIONS_EXCEEDED");
        assertThat(response.json().get("message").asString()).contains("50000 x 50000");
    }

    @Test
    void shouldRefuseAnImageWhoseDeepSamplesWouldTakeMoreHeapThanTheDecodingBudget() {
        // Within the pixel limit (4096 x 4096), but 16 bits a sample: 128 MiB decoded, 192 MiB with its drawn copy.
        byte[] deep = TestImages.deepPng(4096, 4096, 0xFFFF, 0x8000, 0, 0xFFFF);
        assertThat(deep.length).isLessThan(256 * 1024);

        AssetCalls.Response response = calls.upload("app-deep", "a.png", "image/png", deep);

        assertError(response, 422, "IMAGE_DIMENSIONS_EXCEEDED");
        assertThat(response.json().get("message").asString()).contains("4096 x 4096");
        assertThat(filesOf("app-deep")).isZero();
    }

    @Test
    void shouldStoreASmallImageOf16BitSamples() {
        AssetCalls.Response response = calls.upload("app-deep-small", "a.png", "image/png",
                TestImages.deepPng(64, 32, 0xFFFF, 0x8000, 0, 0xFFFF));

        assertThat(response.status()).isEqualTo(201);
        assertThat(filesOf("app-deep-small")).isOne();
    }

    @Test
    void shouldRefuseAnUploadWithoutAFileOrNotMultipart() {
        AssetCalls.Response otherField = calls.uploadWith(AssetCalls.multipart("avatar", "a.png", "image/png",
                TestImages.encode(TestImages.halves(4, 4), "png")), AssetCalls.asApp("app-shape"));
        assertError(otherField, 400, "VALIDATION_FAILED");

        assertError(calls.send("POST", "/asset/v1/files/upload", "application/json", "{\"file\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                AssetCalls.asApp("app-shape")), 400, "MALFORMED_REQUEST");
        assertError(calls.send("POST", "/asset/v1/files/upload", "multipart/form-data; boundary=abc",
                "--abc\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nno end".getBytes(StandardCharsets.UTF_8),
                AssetCalls.asApp("app-shape")), 400, "MALFORMED_REQUEST");
        assertError(calls.send("POST", "/asset/v1/files/upload", "multipart/form-data", new byte[0], AssetCalls.asApp("app-shape")),
                400, "MALFORMED_REQUEST");
    }

    @Test
    void shouldRefuseADeclaredOversizedUploadBeforeReadingItsBody() throws IOException {
        jdbc.sql("INSERT INTO asset_app_settings (app_id, max_file_bytes) VALUES ('app-small', 100000)").update();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /asset/v1/files/upload HTTP/1.1\r\nHost: localhost\r\n" + gatewayHeaders("app-small")
                    + "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 52428800\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // 50 MB announced, a few bytes sent: the answer comes without the rest.
            assertThat(statusLine(socket)).startsWith("HTTP/1.1 413");
        }
    }

    @Test
    void shouldCutOffAStreamedOversizedUploadAtTheAppsLimit() throws IOException {
        jdbc.sql("INSERT INTO asset_app_settings (app_id, max_file_bytes) VALUES ('app-chunked', 100000)").update();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /asset/v1/files/upload HTTP/1.1\r\nHost: localhost\r\n" + gatewayHeaders("app-chunked")
                    + "Content-Type: multipart/form-data; boundary=b\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] head = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            byte[] data = new byte[200_000];
            writeChunk(out, head);
            writeChunk(out, data);
            out.flush();
            // No length announced and the body never ends: the limit, not the end of the body, ends the read.
            assertThat(statusLine(socket)).startsWith("HTTP/1.1 413");
        }
        assertThat(filesOf("app-chunked")).isZero();
    }

    @Test
    void shouldRefuseAnUploadThatWouldExceedTheAppsQuotaButNotContentItAlreadyHolds() {
        AssetCalls.Response first = calls.upload("app-quota", "a.png", "image/png", TestImages.encode(TestImages.halves(10, 10), "png"));
        assertThat(first.status()).isEqualTo(201);
        long used = first.json().get("size").asLong();
        jdbc.sql("INSERT INTO asset_app_settings (app_id, quota_bytes) VALUES ('app-quota', :quota)").param("quota", used).update();

        AssetCalls.Response second = calls.upload("app-quota", "b.png", "image/png", TestImages.encode(TestImages.halves(12, 12), "png"));
        assertError(second, 413, "STORAGE_QUOTA_EXCEEDED");
        AssetCalls.Response again = calls.upload("app-quota", "c.png", "image/png", TestImages.encode(TestImages.halves(10, 10), "png"));
        assertThat(again.status()).isEqualTo(201);
    }

    @Test
    void shouldStoreTheSameContentOnceAndDeleteTheObjectWithItsLastFile() throws IOException {
        byte[] png = TestImages.encode(TestImages.halves(6, 6), "png");
        JsonNode first = calls.upload("app-dedup", "a.png", "image/png", png).json();
        JsonNode second = calls.upload("app-dedup", "b.png", "image/png", png).json();
        AssetCalls.Response otherApp = calls.upload("app-dedup-other", "a.png", "image/png", png);

        assertThat(first.get("file_id")).isNotEqualTo(second.get("file_id"));
        assertThat(objectsOf("app-dedup")).hasSize(1);
        assertThat(objectsOf("app-dedup-other")).hasSize(1);
        String firstPath = "/asset/v1/files/" + first.get("file_id").asString();
        String secondPath = "/asset/v1/files/" + second.get("file_id").asString();
        assertThat(calls.get(firstPath, AssetCalls.publicly()).header("ETag"))
                .isEqualTo(calls.get(secondPath, AssetCalls.publicly()).header("ETag"))
                .isEqualTo(otherApp.headers().firstValue("ETag").orElse(calls.get("/asset/v1/files/"
                        + otherApp.json().get("file_id").asString(), AssetCalls.publicly()).header("ETag")));

        assertThat(calls.delete(firstPath, AssetCalls.asApp("app-dedup")).status()).isEqualTo(204);
        assertThat(calls.get(firstPath, AssetCalls.publicly()).status()).isEqualTo(404);
        assertThat(calls.get(secondPath, AssetCalls.publicly()).status()).isEqualTo(200);
        assertThat(objectsOf("app-dedup")).hasSize(1);

        assertThat(calls.delete(secondPath, AssetCalls.asApp("app-dedup")).status()).isEqualTo(204);
        assertThat(objectsOf("app-dedup")).isEmpty();
        assertThat(objectsOf("app-dedup-other")).hasSize(1);
    }

    @Test
    void shouldServeAFilePubliclyWithHeadersThatKeepItAnImage() {
        String fileId = calls.upload("app-serve", "a.png", "image/png", TestImages.encode(TestImages.halves(8, 8), "png"))
                .json().get("file_id").asString();

        AssetCalls.Response served = calls.get("/asset/v1/files/" + fileId, AssetCalls.publicly());

        assertThat(served.status()).isEqualTo(200);
        assertThat(served.header("Content-Type")).isEqualTo("image/png");
        assertThat(served.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(served.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(served.header("Content-Security-Policy")).isEqualTo("default-src 'none'; sandbox");
        String etag = served.header("ETag");
        assertThat(etag).matches("\"[0-9a-f]{64}\"");

        AssetCalls.Response notModified = calls.get("/asset/v1/files/" + fileId, withHeader(AssetCalls.publicly(), "If-None-Match", etag));
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(notModified.header("ETag")).isEqualTo(etag);
        AssetCalls.Response changed = calls.get("/asset/v1/files/" + fileId, withHeader(AssetCalls.publicly(), "If-None-Match", "\"other\""));
        assertThat(changed.status()).isEqualTo(200);

        assertError(calls.get("/asset/v1/files/" + java.util.UUID.randomUUID(), AssetCalls.publicly()), 404, "NOT_FOUND");
        assertError(calls.get("/asset/v1/files/not-a-uuid", AssetCalls.publicly()), 404, "NOT_FOUND");
    }

    @Test
    void shouldAnswerAnotherAppsFileExactlyAsAnUnknownOne() {
        String fileId = calls.upload("app-owner", "a.png", "image/png", TestImages.encode(TestImages.halves(8, 8), "png"))
                .json().get("file_id").asString();

        AssetCalls.Response otherApp = calls.delete("/asset/v1/files/" + fileId, AssetCalls.asApp("app-intruder"));
        AssetCalls.Response unknown = calls.delete("/asset/v1/files/" + java.util.UUID.randomUUID(), AssetCalls.asApp("app-intruder"));

        assertError(otherApp, 404, "NOT_FOUND");
        assertThat(otherApp.text()).isEqualTo(unknown.text());
        assertThat(calls.get("/asset/v1/files/" + fileId, AssetCalls.publicly()).status()).isEqualTo(200);
        assertThat(calls.delete("/asset/v1/files/" + fileId, AssetCalls.asApp("app-owner")).status()).isEqualTo(204);
    }

    @Test
    void shouldAnnounceUploadsAndDeletionsThroughTheOutbox() {
        String fileId = calls.upload("app-events", "a.png", "image/png", TestImages.encode(TestImages.halves(8, 8), "png"))
                .json().get("file_id").asString();
        calls.delete("/asset/v1/files/" + fileId, AssetCalls.asApp("app-events"));

        List<String> types = jdbc.sql("SELECT event_type FROM outbox_event WHERE topic = 'asset.events.v1' AND event_key = :key ORDER BY id")
                .param("key", fileId).query(String.class).list();
        assertThat(types).containsExactly("asset.uploaded", "asset.deleted");
        String appId = jdbc.sql("SELECT envelope ->> 'appId' FROM outbox_event WHERE event_key = :key LIMIT 1")
                .param("key", fileId).query(String.class).single();
        assertThat(appId).isEqualTo("app-events");
    }

    @Test
    void shouldRefuseIdentityHeadersWithoutTheSuitesCredential() {
        byte[] png = TestImages.encode(TestImages.halves(4, 4), "png");
        String[] spoofed = {SuiteHeaders.APP_ID, "app-victim"};
        String[] wrongCredential = {SuiteHeaders.APP_ID, "app-victim", SuiteHeaders.INTERNAL_CREDENTIAL, AssetCalls.CREDENTIAL + "x"};

        assertError(calls.uploadWith(AssetCalls.multipart("file", "a.png", "image/png", png), spoofed), 401, "INVALID_API_KEY");
        assertError(calls.uploadWith(AssetCalls.multipart("file", "a.png", "image/png", png), wrongCredential), 401, "INVALID_API_KEY");
        assertError(calls.uploadWith(AssetCalls.multipart("file", "a.png", "image/png", png), AssetCalls.publicly()), 401, "INVALID_API_KEY");
        assertError(calls.send("POST", "/%61sset/v1/files/upload", "multipart/form-data; boundary=x", new byte[0], spoofed), 401,
                "INVALID_API_KEY");
        assertError(calls.delete("/asset/v1/files/" + java.util.UUID.randomUUID(), spoofed), 401, "INVALID_API_KEY");
        assertThat(filesOf("app-victim")).isZero();
    }

    private long filesOf(String appId) {
        return jdbc.sql("SELECT count(*) FROM asset_file WHERE app_id = :appId").param("appId", appId).query(Long.class).single();
    }

    private static List<Path> objectsOf(String appId) throws IOException {
        Path folder = storage.resolve(appId);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    private static void assertError(AssetCalls.Response response, int status, String code) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.json().get("error").asString()).isEqualTo(code);
        assertThat(response.json().get("message").asString()).isNotBlank();
    }

    private static String[] withHeader(String[] headers, String name, String value) {
        String[] all = Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = name;
        all[headers.length + 1] = value;
        return all;
    }

    private static String gatewayHeaders(String appId) {
        return SuiteHeaders.INTERNAL_CREDENTIAL + ": " + AssetCalls.CREDENTIAL + "\r\n" + SuiteHeaders.APP_ID + ": " + appId + "\r\n";
    }

    private static void writeChunk(OutputStream out, byte[] data) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static String statusLine(Socket socket) throws IOException {
        socket.setSoTimeout(30_000);
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString().strip();
    }
}
