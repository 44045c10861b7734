package io.passportsuite.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every service that owns a database promises at start-up. A service's test extends this,
 * annotated {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} and {@link RealInfrastructure},
 * and names the tables its own migrations create.
 */
public abstract class ServiceStartupContract {

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @Value("${spring.application.name}")
    private String applicationName;

    @Value("${logging.file.name}")
    private String logFile;

    /** Tables the service's own Flyway migrations create. */
    protected abstract List<String> ownedTables();

    @Test
    void shouldMigrateItsOwnSchemaAndTheEventingTables() {
        List<String> tables = jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
                .query(String.class).list();
        List<String> expected = new ArrayList<>(ownedTables());
        expected.addAll(List.of("outbox_event", "processed_event", "flyway_schema_history", "eventing_schema_history"));
        assertThat(tables).containsAll(expected);
        assertThat(jdbc.sql("SELECT bool_and(success) FROM flyway_schema_history").query(Boolean.class).single()).isTrue();
    }

    @Test
    void shouldAnswerLivenessFromTheJvmAloneNeverFromDatabaseOrKafka() {
        ServiceProbe.Response liveness = probe().get("/actuator/health/liveness");
        assertThat(liveness.status()).isEqualTo(200);
        JsonNode body = liveness.json();
        assertThat(body.get("status").asString()).isEqualTo("UP");
        assertThat(body.get("components").propertyNames()).containsExactly("livenessState");
    }

    @Test
    void shouldBeReadyOnlyTogetherWithItsDatabase() {
        ServiceProbe.Response readiness = probe().get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        JsonNode components = readiness.json().get("components");
        assertThat(components.propertyNames()).contains("readinessState", "db");
        assertThat(components.get("db").get("status").asString()).isEqualTo("UP");
    }

    @Test
    void shouldExposePrometheusMetricsTaggedWithTheServiceName() {
        ServiceProbe.Response metrics = probe().get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("application=\"" + applicationName + "\"")
                .contains("outbox_pending")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void shouldWriteStructuredLogLinesToItsFile() throws IOException {
        Path file = Path.of(logFile);
        assertThat(file.getFileName().toString()).isEqualTo(applicationName + ".log");
        assertThat(file).exists();
        List<String> lines = Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList();
        assertThat(lines).isNotEmpty();
        JsonNode line = new JsonMapper().readTree(lines.getLast());
        assertThat(line.has("@timestamp")).isTrue();
        assertThat(line.has("message")).isTrue();
    }

    @Test
    void shouldAnswerAnUnknownPathWithoutAStackTrace() {
        ServiceProbe.Response response = probe().get("/no-such-endpoint");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("trace").doesNotContain("Exception");
    }

    protected ServiceProbe probe() {
        return ServiceProbe.onPort(port);
    }
}
