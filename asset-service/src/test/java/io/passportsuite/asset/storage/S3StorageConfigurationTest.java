package io.passportsuite.asset.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** How the service chooses and builds the S3 store from its settings. */
class S3StorageConfigurationTest {

    private static S3ProxyServer server;

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(S3StorageConfiguration.class);

    @TempDir
    Path files;

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldBuildAWorkingStoreAndCreateItsBucketWhenS3IsChosen() throws IOException {
        String bucket = "configured-" + UUID.randomUUID();
        Path source = Files.writeString(files.resolve("hello.txt"), "hello");

        context.withPropertyValues(properties(server.springProperties(bucket))).run(started -> {
            assertThat(started).hasNotFailed();
            ObjectStore store = started.getBean(ObjectStore.class);
            store.put("greeting", source, 5, "text/plain");
            try (InputStream content = store.open("greeting").orElseThrow().content()) {
                assertThat(content.readAllBytes()).asString().isEqualTo("hello");
            }
            assertThat(started.getBean(S3StorageHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void shouldBuildNoS3StoreWhenAnotherStoreIsChosen() {
        context.withPropertyValues("asset.storage.type=filesystem").run(started -> {
            assertThat(started).hasNotFailed();
            assertThat(started).doesNotHaveBean(ObjectStore.class);
        });
        context.run(started -> assertThat(started).doesNotHaveBean(ObjectStore.class));
    }

    @Test
    void shouldRefuseToStartWithoutABucket() {
        context.withPropertyValues("asset.storage.type=s3").run(started -> assertThat(started)
                .getFailure().rootCause().hasMessageContaining("asset.storage.s3.bucket is required"));
    }

    @Test
    void shouldRefuseAPartSmallerThanS3Accepts() {
        context.withPropertyValues("asset.storage.type=s3", "asset.storage.s3.bucket=b", "asset.storage.s3.part-size=1MB")
                .run(started -> assertThat(started).getFailure().rootCause().hasMessageContaining("part-size"));
    }

    @Test
    void shouldRefuseAnAccessKeyWithoutItsSecret() {
        context.withPropertyValues("asset.storage.type=s3", "asset.storage.s3.bucket=b", "asset.storage.s3.access-key=k")
                .run(started -> assertThat(started).getFailure().rootCause().hasMessageContaining("give both or neither"));
    }

    @Test
    void shouldReportTheStoreDownWhenItsCredentialsAreWrong() {
        Map<String, String> properties = new LinkedHashMap<>(server.springProperties("reported"));
        properties.put("asset.storage.s3.secret-key", "not-the-credential");

        context.withPropertyValues(properties(properties)).run(started -> {
            assertThat(started).hasNotFailed();
            assertThat(started.getBean(S3StorageHealthIndicator.class).health().getStatus()).isEqualTo(Status.DOWN);
        });
    }

    private static String[] properties(Map<String, String> properties) {
        return properties.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }
}
