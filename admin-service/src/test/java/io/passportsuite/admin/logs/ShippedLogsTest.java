package io.passportsuite.admin.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.passportsuite.common.testing.RealInfrastructure;
import tools.jackson.databind.json.JsonMapper;

/** The whole trip: a line logged in admin-service goes out by its own appender and comes back collected. */
@SpringBootTest
@RealInfrastructure(logShipping = true)
class ShippedLogsTest {

    private static final String TOPIC = "test.shipped-logs." + UUID.randomUUID();

    @Autowired
    private ReadingRuntimeLogs reading;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("passport.logs.shipping.topic", () -> TOPIC);
        registry.add("admin.logs.topic", () -> TOPIC);
        registry.add("admin.logs.dir", () -> Path.of("target", "collected-" + UUID.randomUUID()).toString());
    }

    @Test
    void shouldCollectTheLinesItsOwnAppenderShipped() {
        String marker = UUID.randomUUID().toString();
        LoggerFactory.getLogger(ShippedLogsTest.class).info("round trip {}", marker);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            ReadingRuntimeLogs.Outcome outcome = reading.read(Optional.of("admin-service"), ReadingRuntimeLogs.MAX_LINES);
            assertThat(outcome).isInstanceOfSatisfying(ReadingRuntimeLogs.Read.class, read ->
                    assertThat(read.logs().lines()).filteredOn(line -> line.contains(marker)).singleElement()
                            .satisfies(line -> assertThat(new JsonMapper().readTree(line).get("message").asString())
                                    .isEqualTo("round trip " + marker)));
        });
    }
}
