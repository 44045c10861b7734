package io.passportsuite.admin.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.common.testing.TestKafka;
import io.passportsuite.common.web.SuiteHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lines published to the log topic under two service names reach the back office: merged by
 * time or one service at a time, and as a tar.gz of the collected files. Requests carry the
 * headers the gateway sets on an administrator's request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RuntimeLogsTest {

    private static final String TOPIC = "test.logs." + UUID.randomUUID();
    private static final Path DIR = Path.of("target", "collected-" + UUID.randomUUID());
    private static final String CREDENTIAL = "rt-" + UUID.randomUUID() + "-" + UUID.randomUUID();
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String ALPHA = "alpha-" + SUFFIX;
    private static final String BETA = "beta-" + SUFFIX;
    private static final String INTRUDER = "intruder-" + SUFFIX;

    private static final JsonMapper JSON = new JsonMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("admin.logs.topic", () -> TOPIC);
        registry.add("admin.logs.dir", DIR::toString);
        registry.add("admin.logs.services", () -> ALPHA + "," + BETA);
        registry.add("passport.internal.credential", () -> CREDENTIAL);
    }

    /** Interleaved in time across the two services; one plain-text line, two names that are no service's and one that is none of the suite's. */
    private final Map<String, List<String>> published = new LinkedHashMap<>();

    @BeforeAll
    void publish() {
        published.put(ALPHA, List.of(line(1, ALPHA, "a1"), line(3, ALPHA, "a3"), line(5, ALPHA, "a5")));
        published.put(BETA, List.of(line(2, BETA, "b2"), line(4, BETA, "b4"), "plain text after b4", line(6, BETA, "b6")));
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            // One partition for all: once the valid lines are collected, the invalid ones before them were read too.
            producer.send(new ProducerRecord<>(TOPIC, 0, "../escape", line(7, "x", "escaped")));
            producer.send(new ProducerRecord<>(TOPIC, 0, "Upper-Case", line(7, "x", "upper")));
            producer.send(new ProducerRecord<>(TOPIC, 0, INTRUDER, line(7, INTRUDER, "not one of the suite's")));
            published.forEach((service, lines) -> lines.forEach(line -> producer.send(new ProducerRecord<>(TOPIC, 0, service, line))));
            producer.flush();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(lines(get("/admin/logs/runtime?service=" + BETA))).hasSize(4));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(lines(get("/admin/logs/runtime?service=" + ALPHA))).hasSize(3));
    }

    private static String line(int second, String service, String message) {
        return "{\"@timestamp\":\"2100-01-01T00:00:0" + second + ".000Z\",\"log\":{\"level\":\"INFO\",\"logger\":\"test\"},"
                + "\"service\":{\"name\":\"" + service + "\"},\"message\":\"" + message + "\",\"ecs\":{\"version\":\"8.11\"}}";
    }

    @Test
    void shouldShowOneServicesLatestLinesWithItsFile() throws Exception {
        HttpResponse<String> response = get("/admin/logs/runtime?service=" + ALPHA + "&lines=2");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("message").asString()).isEqualTo("运行日志获取成功");
        assertThat(body.get("data").get("file").asString()).isEqualTo(ALPHA + "/" + ALPHA + ".log");
        assertThat(body.get("data").get("updated_at").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(lines(response)).containsExactly(published.get(ALPHA).get(1), published.get(ALPHA).get(2));
        assertThat(lines(get("/admin/logs/runtime?service=" + BETA))).containsExactlyElementsOf(published.get(BETA));
    }

    @Test
    void shouldMergeAllServicesByTimestampWhenNoServiceIsNamed() throws Exception {
        List<String> merged = lines(get("/admin/logs/runtime?lines=7"));

        assertThat(merged).extracting(RuntimeLogsTest::message)
                .containsExactly("a1", "b2", "a3", "b4", "plain text after b4", "a5", "b6");
        assertThat(lines(get("/admin/logs/runtime?lines=3"))).extracting(RuntimeLogsTest::message)
                .containsExactly("plain text after b4", "a5", "b6");
        JsonNode data = JSON.readTree(get("/admin/logs/runtime").body()).get("data");
        assertThat(data.get("file").asString()).isEqualTo("*");
        assertThat(data.get("lines")).hasSize(7);
    }

    @Test
    void shouldKeepNoFolderForNamesThatAreNotServiceNames() throws IOException {
        try (Stream<Path> folders = Files.list(DIR)) {
            assertThat(folders.filter(Files::isDirectory).map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder(ALPHA, BETA);
        }
    }

    @Test
    void shouldAnswerAServiceWithNoLinesWithAnEmptyList() throws Exception {
        HttpResponse<String> response = get("/admin/logs/runtime?service=nobody-" + SUFFIX);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode data = JSON.readTree(response.body()).get("data");
        assertThat(data.get("lines")).isEmpty();
        assertThat(data.get("updated_at").isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lines=0", "lines=2001", "lines=-1", "lines=abc", "lines=1.5", "lines=", "lines=99999999999",
            "service=Alpha", "service=..", "service=..%2Fetc", "service=a%2Fb", "service="})
    void shouldRefuseBadParametersWithTheDocumentedCode(String query) throws Exception {
        HttpResponse<String> response = get("/admin/logs/runtime?" + query);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("error_code").asString()).isEqualTo("ADMIN_OPERATION_FAILED");
        assertThat(body.get("message").asString()).isNotBlank();
    }

    @Test
    void shouldAcceptTheLargestNumberOfLines() throws Exception {
        assertThat(get("/admin/logs/runtime?lines=2000").statusCode()).isEqualTo(200);
        assertThat(get("/admin/logs/runtime?lines=1").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldStreamEveryCollectedFileAsATarGzNamedByTheTime() throws Exception {
        HttpResponse<byte[]> response = HTTP.send(request("/admin/logs/archive"), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/gzip");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition -> assertThat(disposition)
                .matches("attachment; filename=\"logs-\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}-\\d{3}Z\\.tar\\.gz\""));
        Map<String, String> entries = untar(response.body());
        assertThat(entries).containsOnlyKeys(ALPHA + "/" + ALPHA + ".log", BETA + "/" + BETA + ".log");
        assertThat(entries.keySet()).allSatisfy(name -> assertThat(name).doesNotContain("..").doesNotStartWith("/"));
        assertThat(entries.get(ALPHA + "/" + ALPHA + ".log")).isEqualTo(String.join("\n", published.get(ALPHA)) + "\n");
        assertThat(entries.get(BETA + "/" + BETA + ".log")).isEqualTo(String.join("\n", published.get(BETA)) + "\n");
    }

    @Test
    void shouldArchiveOneServiceWhenAsked() throws Exception {
        HttpResponse<byte[]> response = HTTP.send(request("/admin/logs/archive?service=" + BETA), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(untar(response.body())).containsOnlyKeys(BETA + "/" + BETA + ".log");
    }

    @Test
    void shouldAuditAnArchiveWithItsServiceBeforeSendingIt() throws Exception {
        HttpResponse<byte[]> response = HTTP.send(request("/admin/logs/archive?service=" + ALPHA), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        var row = jdbc.sql("SELECT actor_user_id::text AS actor, after::text AS after FROM admin_audit_log"
                + " WHERE action = 'logs.archive' AND target_id = :service").param("service", ALPHA).query().singleRow();
        assertThat(row.get("actor")).isNotNull();
        assertThat(JSON.readTree((String) row.get("after")).get("service").asString()).isEqualTo(ALPHA);
    }

    @Test
    void shouldAnswerAHeadWithTheHeadersAndNeitherBuildNorAuditAnArchive() throws Exception {
        String service = "head-" + SUFFIX;
        HttpRequest head = HttpRequest.newBuilder(request("/admin/logs/archive?service=" + service), (name, value) -> true)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();

        HttpResponse<byte[]> response = HTTP.send(head, HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/gzip");
        assertThat(response.body()).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM admin_audit_log WHERE action = 'logs.archive' AND target_id = :service")
                .param("service", service).query(Long.class).single()).isZero();
    }

    @Test
    void shouldRefuseToArchiveAPathInsteadOfAService() throws Exception {
        HttpResponse<String> response = get("/admin/logs/archive?service=..%2F..%2Fetc");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error_code").asString()).isEqualTo("ADMIN_OPERATION_FAILED");
    }

    private static Map<String, String> untar(byte[] archive) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                entries.put(entry.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    private static String message(String line) {
        return line.startsWith("{") ? JSON.readTree(line).get("message").asString() : line;
    }

    private static List<String> lines(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode lines = JSON.readTree(response.body()).get("data").get("lines");
        return lines.valueStream().map(JsonNode::asString).toList();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(request(path), HttpResponse.BodyHandlers.ofString());
    }

    /** What the gateway forwards for an administrator of the platform app. */
    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header(SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL)
                .header(SuiteHeaders.USER_ID, UUID.randomUUID().toString())
                .header(SuiteHeaders.USER_ROLE, "9")
                .header(SuiteHeaders.APP_ID, "default")
                .GET().build();
    }
}
