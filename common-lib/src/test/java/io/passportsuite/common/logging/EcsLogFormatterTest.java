package io.passportsuite.common.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.slf4j.MarkerFactory;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;

/** The suite's log line is Spring Boot's {@code ecs} line, byte for byte. */
class EcsLogFormatterTest {

    private final MockEnvironment environment = new MockEnvironment()
            .withProperty("spring.application.name", "gateway")
            .withProperty("spring.application.version", "0.1.0")
            .withProperty("spring.application.pid", "4242")
            .withProperty("logging.structured.ecs.service.environment", "test");

    @Test
    void shouldWriteWhatBootsEcsFormatWrites() {
        LoggerContext context = context();
        LoggingEvent event = event(context, Map.of("trace", "t-1"), "request_id={} status={}", "r-1", 200);
        event.addKeyValuePair(new org.slf4j.event.KeyValuePair("user_id", "u-7"));
        event.addMarker(MarkerFactory.getMarker("AUDIT"));

        String ours = encode(context, EcsLogFormatter.class.getName(), event);

        assertThat(ours).isEqualTo(encode(context, "ecs", event));
        assertThat(ours).contains("\"message\":\"request_id=r-1 status=200\"", "\"user_id\":\"u-7\"",
                "\"tags\":[\"AUDIT\"]", "\"name\":\"gateway\"", "\"environment\":\"test\"", "\"pid\":4242");
    }

    @Test
    void shouldWriteAFailureAsBootsEcsFormatDoes() {
        LoggerContext context = context();
        LoggingEvent event = event(context, Map.of(), "could not \"answer\" é", null);
        event.setThrowableProxy(new ch.qos.logback.classic.spi.ThrowableProxy(new IllegalStateException("broken")));

        String ours = encode(context, EcsLogFormatter.class.getName(), event);

        assertThat(ours).isEqualTo(encode(context, "ecs", event));
        assertThat(ours).contains("\"type\":\"java.lang.IllegalStateException\"", "\"stack_trace\":",
                "could not \\\"answer\\\" é");
    }

    @Test
    void shouldBuildAnEventsLineOnceForTheConsoleAndTheFile() {
        LoggerContext context = context();
        LoggingEvent event = event(context, Map.of(), "status={}", 200);
        String console = encode(context, EcsLogFormatter.class.getName(), event);

        // Changed after the first output wrote it (events never change so): the second output's
        // formatter takes the line already built instead of building it again.
        event.addKeyValuePair(new org.slf4j.event.KeyValuePair("late", "x"));
        assertThat(encode(context, EcsLogFormatter.class.getName(), event)).isEqualTo(console).doesNotContain("late");

        LoggingEvent next = event(context, Map.of(), "status={}", 404);
        assertThat(encode(context, EcsLogFormatter.class.getName(), next)).contains("\"message\":\"status=404\"");
    }

    @Test
    void shouldBuildItsOwnLineForAnotherEnvironment() {
        LoggerContext context = context();
        LoggingEvent event = event(context, Map.of(), "status={}", 200);
        encode(context, EcsLogFormatter.class.getName(), event);

        LoggerContext other = context(new MockEnvironment().withProperty("spring.application.name", "passport-service"));
        assertThat(encode(other, EcsLogFormatter.class.getName(), event)).contains("\"name\":\"passport-service\"")
                .doesNotContain("\"name\":\"gateway\"");
    }

    private LoggerContext context() {
        return context(environment);
    }

    private static LoggerContext context(Environment environment) {
        LoggerContext context = new LoggerContext();
        context.putObject(Environment.class.getName(), environment);
        return context;
    }

    private static LoggingEvent event(LoggerContext context, Map<String, String> mdc, String message, Object first,
            Object... more) {
        Object[] arguments = first == null ? null : prepend(first, more);
        LoggingEvent event = new LoggingEvent("test", context.getLogger("io.passportsuite.gateway.access"), Level.INFO,
                message, null, arguments);
        event.setThreadName("reactor-http-epoll-1");
        event.setMDCPropertyMap(mdc);
        return event;
    }

    private static Object[] prepend(Object first, Object[] more) {
        Object[] all = new Object[more.length + 1];
        all[0] = first;
        System.arraycopy(more, 0, all, 1, more.length);
        return all;
    }

    private static String encode(LoggerContext context, String format, LoggingEvent event) {
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat(format);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }
}
