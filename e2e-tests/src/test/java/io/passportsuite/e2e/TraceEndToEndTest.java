package io.passportsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.passportsuite.common.testing.TestKafka;
import io.passportsuite.common.testing.TestPostgres;
import io.passportsuite.e2e.OtlpCollector.ExportedSpan;

/**
 * One trace from the client to the inbox: a login code asked for through the gateway is a span of
 * the gateway, then of passport (which writes the message request to its outbox), then the outbox
 * relay's publish, then notification-service's handling of the Kafka record, then its worker's
 * send, all in the trace the client started with its {@code traceparent}, each span the child of
 * the one before it. The
 * services export to a collector in this JVM over OTLP/HTTP, as they would to a real one.
 */
class TraceEndToEndTest {

    private OtlpCollector collector;
    private GatewaySuite suite;
    private SuiteProcess notification;
    private GreenMail smtp;

    @AfterEach
    void stop() {
        if (notification != null) {
            notification.close();
        }
        if (suite != null) {
            suite.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    void shouldFollowOneTraceFromTheGatewayThroughPassportItsOutboxAndKafkaToNotificationService() throws Exception {
        collector = new OtlpCollector();
        Map<String, String> tracing = Map.of(
                "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", collector.endpoint(),
                // The client here is a tracing proxy the gateway is told to trust: its traceparent
                // (sampled) is continued, so the test knows the trace to look for. The gateway's own
                // default, a trace of its own for every request, is ObservabilityTest's.
                "GATEWAY_TRACING_TRUST_CLIENT_CONTEXT", "true",
                "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_SCHEDULE_DELAY", "200ms");
        suite = GatewaySuite.start("tracing", Set.of(), tracing);

        int smtpPort = GatewaySuite.freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        TestPostgres.Database notificationDb = TestPostgres.freshDatabase("e2e_tracing_notification");
        Map<String, String> environment = new java.util.HashMap<>(tracing);
        environment.putAll(Map.of("KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers(), "SUITE_ENVIRONMENT", "test",
                "SUITE_INTERNAL_CREDENTIAL", GatewaySuite.INTERNAL_CREDENTIAL));
        notification = SuiteProcess.start("notification-service", environment, List.of(
                "--server.port=" + GatewaySuite.freePort(), "--eureka.client.enabled=false",
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtpPort,
                "--spring.datasource.url=" + notificationDb.url(),
                "--spring.datasource.username=" + notificationDb.username(),
                "--spring.datasource.password=" + notificationDb.password()));

        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String clientSpanId = HexFormat.of().formatHex(randomBytes(8));
        var started = suite.throughGateway.post("/api/auth/email/start", "{\"email\":\"traced@example.com\"}",
                "traceparent", "00-" + traceId + "-" + clientSpanId + "-01");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        assertThat(smtp.waitForIncomingEmail(Duration.ofSeconds(120).toMillis(), 1)).as("the code email arrived").isTrue();

        ExportedSpan gateway = await(traceId, span -> span.service().equals("gateway") && span.kind().equals("SPAN_KIND_SERVER"));
        assertThat(gateway.parentSpanId()).as("the gateway continues the client's span").isEqualTo(clientSpanId);
        ExportedSpan passport = await(traceId, span -> span.service().equals("passport-service")
                && span.kind().equals("SPAN_KIND_SERVER"));
        assertThat(passport.parentSpanId()).as("passport's span is the gateway's child").isEqualTo(gateway.spanId());
        ExportedSpan publish = await(traceId, span -> span.service().equals("passport-service")
                && span.kind().equals("SPAN_KIND_PRODUCER"));
        assertThat(publish.name()).contains("notification");
        assertThat(publish.parentSpanId()).as("the relay publishes in the request's trace, though later and elsewhere")
                .isEqualTo(passport.spanId());
        ExportedSpan consumed = await(traceId, span -> span.service().equals("notification-service")
                && span.kind().equals("SPAN_KIND_CONSUMER"));
        assertThat(consumed.parentSpanId()).as("notification-service continues from the record's headers")
                .isEqualTo(publish.spanId());
        ExportedSpan delivered = await(traceId, span -> span.service().equals("notification-service")
                && span.name().startsWith("deliver"));
        assertThat(delivered.parentSpanId()).as("the worker's send continues the trace the request was accepted in")
                .isEqualTo(consumed.spanId());

        // The ECS log lines of the request's handling carry the trace's id where log stores look for it.
        Path logs = Path.of(System.getProperty("suite.root", "..")).resolve("e2e-tests/target/e2e-logs");
        assertThat(awaitLine(logs.resolve("notification-service.log"), traceId))
                .as("a notification-service log line in the trace").contains("\"trace\":{\"id\":\"" + traceId + "\"");
        assertThat(awaitLine(logs.resolve("gateway.log"), traceId))
                .as("the gateway's access log line in the trace").contains("\"trace\":{\"id\":\"" + traceId + "\"");
    }

    private ExportedSpan await(String traceId, Predicate<ExportedSpan> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ExportedSpan> found = collector.trace(traceId).stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no such span in trace " + traceId + "; exported: " + collector.trace(traceId));
    }

    private static String awaitLine(Path log, String traceId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                Optional<String> line = Files.readAllLines(log).stream().filter(l -> l.contains(traceId)).findFirst();
                if (line.isPresent()) {
                    return line.get();
                }
            }
            Thread.sleep(200);
        }
        return "no line of " + log + " names trace " + traceId;
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
