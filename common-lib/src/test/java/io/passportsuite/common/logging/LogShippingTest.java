package io.passportsuite.common.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.passportsuite.common.testing.TestKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Log lines reach the topic from the root logger, and a broker that is away costs the service nothing. */
class LogShippingTest {

    private static final Logger LOG = LoggerFactory.getLogger(LogShippingTest.class);

    private final String topic = "test.logs." + UUID.randomUUID();

    private ApplicationContextRunner runner(String brokers, String... more) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LogShippingAutoConfiguration.class))
                .withPropertyValues("spring.kafka.bootstrap-servers=" + brokers, "passport.logs.shipping.topic=" + topic,
                        "logging.structured.format.file=" + EcsLogFormatter.class.getName())
                .withPropertyValues(more);
    }

    @Test
    void shouldShipEveryLineAsEcsJsonKeyedByTheServiceAndFlushOnClose() {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        String marker = UUID.randomUUID().toString();

        AtomicReference<LogShipping> shipping = new AtomicReference<>();
        runner(TestKafka.bootstrapServers(), "spring.application.name=" + service).run(context -> {
            assertThat(context).hasSingleBean(LogShipping.class);
            shipping.set(context.getBean(LogShipping.class));
            for (int i = 0; i < 50; i++) {
                LOG.info("shipped {} #{}", marker, i);
            }
            LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient").warn("kafka client {}", marker);
            LoggerFactory.getLogger("kafka.server.KafkaServer").warn("broker {}", marker);
        }); // closing the context flushes what is still queued

        assertThat(shipping.get().sending()).isFalse();
        assertThat(shipping.get().dropped()).isZero();
        assertThat(shipping.get().shipped()).isGreaterThanOrEqualTo(50);
        List<ConsumerRecord<String, String>> records = TestKafka.readFromStart(topic,
                record -> record.value().contains(marker), 50, Duration.ofSeconds(60));
        assertThat(records).hasSize(50).allSatisfy(record -> assertThat(record.key()).isEqualTo(service));
        JsonNode first = new JsonMapper().readTree(records.stream()
                .filter(record -> record.value().contains("#0\"")).findFirst().orElseThrow().value());
        assertThat(first.get("message").asString()).isEqualTo("shipped " + marker + " #0");
        assertThat(first.get("log").get("logger").asString()).isEqualTo(LogShippingTest.class.getName());
        assertThat(first.has("@timestamp")).isTrue();
        assertThat(records).noneMatch(record -> record.value().contains("kafka client") || record.value().contains("broker " + marker));
    }

    @Test
    void shouldDropALineTheBrokerWouldRefuseAndShipTheNextOnes() {
        String marker = UUID.randomUUID().toString();
        AtomicReference<LogShipping> shipping = new AtomicReference<>();

        runner(TestKafka.bootstrapServers(), "spring.application.name=big-lines").run(context -> {
            shipping.set(context.getBean(LogShipping.class));
            LOG.info("too large {}", "x".repeat(1_100_000)); // above the producer's max.request.size (1 MiB)
            LOG.info("after the large one {}", marker);
        });

        assertThat(TestKafka.readFromStart(topic, record -> record.value().contains(marker), 1, Duration.ofSeconds(60)))
                .hasSize(1);
        assertThat(shipping.get().dropped()).isEqualTo(1);
    }

    @Test
    void shouldKeepLoggingWithoutWaitingWhenNoBrokerIsReachableAndCountWhatItDrops() throws IOException {
        AtomicReference<LogShipping> stopped = new AtomicReference<>();
        int capacity = 100;
        int batch = 10;
        // A sender stuck for as long as maxBlock on a broker that never answers: if logging waited
        // for it, the loop below would take minutes instead of finishing.
        runner(unreachableBroker(), "spring.application.name=no-broker",
                "passport.logs.shipping.queue-capacity=" + capacity, "passport.logs.shipping.batch-size=" + batch,
                "passport.logs.shipping.max-block=5m", "passport.logs.shipping.close-timeout=1s").run(context -> {
            LogShipping shipping = context.getBean(LogShipping.class);
            stopped.set(shipping);
            int lines = 5_000;
            assertThatNoException().isThrownBy(() -> {
                for (int i = 0; i < lines; i++) {
                    LOG.info("nowhere to go #{}", i);
                }
            });
            assertThat(shipping.dropped()).isGreaterThanOrEqualTo(lines - capacity - batch);
            assertThat(shipping.shipped()).isZero();

            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            context.getBean(MeterBinder.class).bindTo(registry);
            assertThat(registry.get("passport.logs.shipping.dropped").functionCounter().count())
                    .isEqualTo((double) shipping.dropped());
        });

        // Closing gave up on the broker after close-timeout instead of waiting out max-block.
        assertThat(stopped.get().sending()).isFalse();
        assertThat(stopped.get().dropped()).isEqualTo(5_000);
    }

    @Test
    void shouldAttachInAReactiveApplicationWithoutTheServletApi() {
        new ReactiveWebApplicationContextRunner()
                .withClassLoader(new FilteredClassLoader("jakarta.servlet", "org.springframework.web.servlet"))
                .withConfiguration(AutoConfigurations.of(LogShippingAutoConfiguration.class))
                .withPropertyValues("spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                        "passport.logs.shipping.topic=" + topic, "spring.application.name=reactive-gateway")
                .run(context -> assertThat(context).hasSingleBean(LogShipping.class));
    }

    @Test
    void shouldStayOffWhenSwitchedOff() {
        runner(TestKafka.bootstrapServers(), "passport.logs.shipping.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(LogShipping.class));
    }

    @Test
    void shouldShipTheLineTheFileOutputBuiltOnTheLoggingThreadWithoutBuildingItAgain() {
        String marker = UUID.randomUUID().toString();
        MockEnvironment environment = new MockEnvironment().withProperty("spring.application.name", "one-build");
        LoggerContext context = new LoggerContext();
        context.putObject(Environment.class.getName(), environment);
        StructuredLogEncoder file = encoder(context);
        AtomicInteger shipperEncodes = new AtomicInteger();
        StructuredLogEncoder shipper = new StructuredLogEncoder() {
            @Override
            public byte[] encode(ILoggingEvent event) {
                shipperEncodes.incrementAndGet();
                return super.encode(event);
            }
        };
        shipper.setContext(context);
        shipper.setFormat(EcsLogFormatter.class.getName());
        shipper.setCharset(StandardCharsets.UTF_8);
        shipper.start();
        KafkaLogAppender appender = new KafkaLogAppender(shipper, environment, "one-build",
                TestKafka.bootstrapServers(), Map.of(), new LogShippingProperties(true, topic, "", 100, 10,
                        Duration.ofSeconds(5), Duration.ofSeconds(10)));
        appender.setContext(context);
        appender.start();

        LoggingEvent written = event(context, "written to the file " + marker);
        String line = new String(file.encode(written), StandardCharsets.UTF_8).stripTrailing();
        appender.doAppend(written);
        // Only logged to the shipper: it builds this line itself, on its own thread.
        appender.doAppend(event(context, "shipped only " + marker));
        appender.stop();

        List<ConsumerRecord<String, String>> records = TestKafka.readFromStart(topic,
                record -> record.value().contains(marker), 2, Duration.ofSeconds(60));
        assertThat(records).extracting(ConsumerRecord::value).hasSize(2).contains(line)
                .anySatisfy(value -> assertThat(value).contains("\"message\":\"shipped only " + marker + "\""));
        assertThat(shipperEncodes).hasValue(1);
    }

    private static StructuredLogEncoder encoder(LoggerContext context) {
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat(EcsLogFormatter.class.getName());
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        return encoder;
    }

    private static LoggingEvent event(LoggerContext context, String message) {
        LoggingEvent event = new LoggingEvent("test", context.getLogger("io.passportsuite.gateway.access"), Level.INFO,
                message, null, null);
        event.setThreadName("reactor-http-epoll-1");
        event.setMDCPropertyMap(Map.of());
        return event;
    }

    /** A local port nothing listens on. */
    private static String unreachableBroker() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "127.0.0.1:" + socket.getLocalPort();
        }
    }
}
