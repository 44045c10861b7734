package io.passportsuite.asset.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.unit.DataSize;

import io.passportsuite.asset.AssetCalls;
import io.passportsuite.asset.TestImages;
import io.passportsuite.common.testing.RealInfrastructure;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The store dies in the middle of an upload in parts, after its first part was stored: the upload
 * answers 503 and the service records nothing, announces nothing and leaves no object; with the
 * store back, the same upload goes through.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "passport.internal.credential=" + AssetCalls.CREDENTIAL)
@RealInfrastructure
class S3OutageDuringUploadIntegrationTest {

    private static final String BUCKET = "interrupted";
    private static final String APP = "app-interrupted";

    private static S3ProxyServer s3;
    private static S3Client bucket;

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        s3 = S3ProxyServer.start();
        bucket = s3.client();
        s3.springProperties(BUCKET).forEach((name, value) -> registry.add(name, () -> value));
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

    /** The service's own client, but the store is killed once the first part of the first upload in parts is in. */
    @TestConfiguration(proxyBeanMethods = false)
    static class StoreDyingMidUpload {

        @Bean
        @Primary
        S3Client dyingAfterFirstPart(S3StorageSettings settings) {
            return new DyingMidUpload(S3StorageConfiguration.client(settings), s3::kill);
        }
    }

    @Test
    void shouldAnswer503AndLeaveNothingWhenTheStoreDiesPartWay() {
        jdbc.sql("INSERT INTO asset_app_settings (app_id, max_file_bytes) VALUES (:app, :max)")
                .param("app", APP).param("max", DataSize.ofMegabytes(16).toBytes()).update();
        byte[] png = TestImages.encode(TestImages.noise(1800, 1700, 7), "png");
        assertThat((long) png.length).isGreaterThan(DataSize.ofMegabytes(8).toBytes());
        AssetCalls calls = new AssetCalls(port);

        AssetCalls.Response refused;
        try {
            refused = calls.upload(APP, "large.png", "image/png", png);
        } finally {
            s3.restart();
        }

        assertThat(refused.status()).as(refused.text()).isEqualTo(503);
        assertThat(refused.json().get("error").asString()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(count("SELECT count(*) FROM asset_file WHERE app_id = :app")).isZero();
        assertThat(count("SELECT count(*) FROM outbox_event WHERE envelope ->> 'appId' = :app")).isZero();
        assertThat(bucket.listObjectsV2(r -> r.bucket(BUCKET).prefix(APP + "/")).contents()).isEmpty();

        AssetCalls.Response stored = calls.upload(APP, "large.png", "image/png", png);
        assertThat(stored.status()).as(stored.text()).isEqualTo(201);
        assertThat(count("SELECT count(*) FROM asset_file WHERE app_id = :app")).isOne();
        assertThat(calls.get("/asset/v1/files/" + stored.json().get("file_id").asString(), AssetCalls.publicly()).body())
                .hasSize(stored.json().get("size").asInt());
    }

    private long count(String sql) {
        return jdbc.sql(sql).param("app", APP).query(Long.class).single();
    }
}
