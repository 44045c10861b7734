package io.passportsuite.asset.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.passportsuite.asset.AssetCalls;
import io.passportsuite.asset.TestImages;
import io.passportsuite.asset.storage.FilesystemObjectStore;
import io.passportsuite.asset.storage.ObjectStore;
import io.passportsuite.common.testing.RealInfrastructure;

/**
 * Many uploads of one app at once, on a store that takes its time and a small connection pool: an
 * upload waiting for the app's turn must not hold a connection while it waits, or the pool runs dry
 * and requests fail instead of taking turns.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "passport.internal.credential=" + AssetCalls.CREDENTIAL, "asset.storage.type=slow-test-store",
        "spring.datasource.hikari.maximum-pool-size=4", "spring.datasource.hikari.connection-timeout=500"})
@RealInfrastructure
class ConcurrentUploadsIntegrationTest {

    private static final int UPLOADS = 16;

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void shouldStoreEveryUploadOfOneAppInTurnWithoutRunningThePoolDry() throws Exception {
        AssetCalls calls = new AssetCalls(port);
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < UPLOADS; i++) {
            images.add(TestImages.encode(TestImages.noise(24, 24, i), "png"));
        }

        Map<Integer, Integer> answers = new TreeMap<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(UPLOADS)) {
            List<Future<AssetCalls.Response>> sent = new ArrayList<>();
            for (byte[] image : images) {
                sent.add(clients.submit(() -> calls.upload("app-busy", "a.png", "image/png", image)));
            }
            for (Future<AssetCalls.Response> response : sent) {
                answers.merge(response.get().status(), 1, Integer::sum);
            }
        }

        // Each store takes 300 ms: sixteen in turn take about 5 s, far past the pool's 500 ms wait.
        assertThat(answers).isEqualTo(Map.of(201, UPLOADS));
        assertThat(jdbc.sql("SELECT count(*) FROM asset_file WHERE app_id = 'app-busy'").query(Long.class).single())
                .isEqualTo(UPLOADS);
    }

    @TestConfiguration
    static class SlowStore {

        @Bean
        ObjectStore slowObjectStore() throws IOException {
            Path root = Files.createTempDirectory("asset-slow-store-");
            return new FilesystemObjectStore(root) {
                @Override
                public void put(String key, Path source, long size, String contentType) {
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    super.put(key, source, size, contentType);
                }
            };
        }
    }
}
