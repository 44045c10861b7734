package io.passportsuite.asset.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.unit.DataSize;

import io.passportsuite.asset.AssetCalls;
import io.passportsuite.asset.TestImages;
import io.passportsuite.asset.storage.S3ProxyServer;
import io.passportsuite.common.testing.RealInfrastructure;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The upload path on the S3 store, through the service as the gateway calls it: a file larger than
 * a part goes up in parts and comes back byte for byte; with the store gone, uploads and reads
 * answer 503 and nothing half-written is recorded or left in the bucket; with it back, uploads work.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "passport.internal.credential=" + AssetCalls.CREDENTIAL)
@RealInfrastructure
class S3UploadIntegrationTest {

    private static final String BUCKET = "uploads";
    private static final long PART_SIZE = DataSize.ofMegabytes(8).toBytes();

    private static S3ProxyServer s3;
    private static S3Client bucket;

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    private AssetCalls calls;

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        s3 = S3ProxyServer.start();
        bucket = s3.client();
        s3.springProperties(BUCKET).forEach((name, value) -> registry.add(name, () -> value));
        registry.add("asset.storage.s3.part-size", () -> PART_SIZE + "B");
    }

    @AfterAll
    static void stopS3() {
        if (bucket != null) {
            bucket.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @BeforeEach
    void setUp() {
        calls = new AssetCalls(port);
    }

    @Test
    void shouldStoreAFileLargerThanAPartInPartsAndServeItByteForByte() {
        jdbc.sql("INSERT INTO asset_app_settings (app_id, max_file_bytes) VALUES ('app-large', :max)")
                .param("max", DataSize.ofMegabytes(16).toBytes()).update();
        // Noise hardly compresses: some 3 bytes a pixel, so over 9 MB before and after re-encoding.
        byte[] png = TestImages.encode(TestImages.noise(1800, 1700, 42), "png");
        assertThat((long) png.length).isGreaterThan(PART_SIZE);

        AssetCalls.Response uploaded = calls.upload("app-large", "large.png", "image/png", png);

        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        long size = uploaded.json().get("size").asLong();
        assertThat(size).isGreaterThan(PART_SIZE);
        AssetCalls.Response served = calls.get("/asset/v1/files/" + uploaded.json().get("file_id").asString(), AssetCalls.publicly());
        assertThat(served.status()).isEqualTo(200);
        assertThat((long) served.body().length).isEqualTo(size);
        assertThat(served.header("ETag")).isEqualTo("\"" + sha256(served.body()) + "\"");
        assertThat(TestImages.decode(served.body()).getRGB(1799, 1699)).isEqualTo(TestImages.decode(png).getRGB(1799, 1699));

        List<S3Object> objects = objectsOf("app-large");
        assertThat(objects).hasSize(1);
        assertThat(objects.getFirst().key()).isEqualTo("app-large/" + sha256(served.body()));
        assertThat(objects.getFirst().size()).isEqualTo(size);
        assertThat(bucket.listMultipartUploads(r -> r.bucket(BUCKET)).uploads()).isEmpty();
    }

    @Test
    void shouldAnswer503AndRecordNothingWhileTheStoreIsDownThenWorkAgain() {
        byte[] first = TestImages.encode(TestImages.noise(32, 32, 1), "png");
        AssetCalls.Response before = calls.upload("app-outage", "a.png", "image/png", first);
        assertThat(before.status()).as(before.text()).isEqualTo(201);
        String storedPath = "/asset/v1/files/" + before.json().get("file_id").asString();
        long files = filesOf("app-outage");
        long events = eventsOf("app-outage");

        s3.kill();
        try {
            AssetCalls.Response refused = calls.upload("app-outage", "b.png", "image/png", TestImages.encode(TestImages.noise(40, 40, 2), "png"));
            assertUnavailable(refused);
            // Reading a file recorded before the outage: the store is what failed, not the request.
            assertUnavailable(calls.get(storedPath, AssetCalls.publicly()));
            assertThat(filesOf("app-outage")).isEqualTo(files);
            assertThat(eventsOf("app-outage")).isEqualTo(events);
        } finally {
            s3.restart();
        }

        assertThat(objectsOf("app-outage")).hasSize(1);
        assertThat(bucket.listMultipartUploads(r -> r.bucket(BUCKET)).uploads()).isEmpty();
        AssetCalls.Response after = calls.upload("app-outage", "b.png", "image/png", TestImages.encode(TestImages.noise(40, 40, 2), "png"));
        assertThat(after.status()).as(after.text()).isEqualTo(201);
        assertThat(calls.get(storedPath, AssetCalls.publicly()).body()).isNotEmpty();
        assertThat(calls.get("/asset/v1/files/" + after.json().get("file_id").asString(), AssetCalls.publicly()).status()).isEqualTo(200);
        assertThat(objectsOf("app-outage")).hasSize(2);
        assertThat(filesOf("app-outage")).isEqualTo(files + 1);
    }

    private static void assertUnavailable(AssetCalls.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(503);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.json().get("error").asString()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(response.json().get("message").asString()).isNotBlank();
    }

    private long filesOf(String appId) {
        return jdbc.sql("SELECT count(*) FROM asset_file WHERE app_id = :appId").param("appId", appId).query(Long.class).single();
    }

    private long eventsOf(String appId) {
        return jdbc.sql("SELECT count(*) FROM outbox_event WHERE topic = 'asset.events.v1' AND envelope ->> 'appId' = :appId")
                .param("appId", appId).query(Long.class).single();
    }

    private static List<S3Object> objectsOf(String appId) {
        return bucket.listObjectsV2(r -> r.bucket(BUCKET).prefix(appId + "/")).contents();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
