package io.passportsuite.common.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
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
    void shouldWriteAnOrdinaryLineByHandAsBootsEcsFormatWritesIt() {
        LoggerContext context = context();
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put("request.origin", "mdc-value");
        mdc.put("tenant.region", "eu");
        LoggingEvent event = event(context, mdc, "request_id={} path={} note={}", "r-1", "/a\"b\\c", "tab\tnew\nline\u0001 é");
        event.addKeyValuePair(new org.slf4j.event.KeyValuePair("span.id", "s-1"));
        event.addKeyValuePair(new org.slf4j.event.KeyValuePair("user_id", "u-7"));
        event.addKeyValuePair(new org.slf4j.event.KeyValuePair("latency_ms", 12L));
        event.addKeyValuePair(new org.slf4j.event.KeyValuePair("cached", true));
        event.addKeyValuePair(new org.slf4j.event.KeyValuePair("tenant.zone", null));

        String byHand = EcsLine.forEnvironment(environment).write(event, EcsLogFormatter.ecsNames(mdc));

        assertThat(byHand).isEqualTo(encode(context, "ecs", event));
        assertThat(byHand).contains("\"request\":{\"origin\":\"mdc-value\"}", "\"tenant\":{\"region\":\"eu\",\"zone\":null}",
                "\"latency_ms\":12", "\"cached\":true", "\\u0001");
        assertThat(encode(context, EcsLogFormatter.class.getName(), event)).isEqualTo(byHand);
    }

    @Test
    void shouldWriteByHandWithoutAPidOrServiceDetails() {
        MockEnvironment bare = new MockEnvironment();
        LoggerContext context = context(bare);
        LoggingEvent event = event(context, Map.of(), "no arguments", null);

        assertThat(EcsLine.forEnvironment(bare).write(event, Map.of())).isEqualTo(encode(context, "ecs", event));
    }

    @Test
    void shouldLeaveToBootWhatItWritesOtherwise() {
        LoggerContext context = context();
        LoggingEvent clash = event(context, Map.of(), "m", null);
        clash.addKeyValuePair(new org.slf4j.event.KeyValuePair("user", "u-1"));
        clash.addKeyValuePair(new org.slf4j.event.KeyValuePair("user.id", "u-2"));
        LoggingEvent object = event(context, Map.of(), "m", null);
        object.addKeyValuePair(new org.slf4j.event.KeyValuePair("ids", java.util.List.of(1, 2)));
        LoggingEvent failure = event(context, Map.of(), "m", null);
        failure.setThrowableProxy(new ch.qos.logback.classic.spi.ThrowableProxy(new IllegalStateException("broken")));
        LoggingEvent marked = event(context, Map.of(), "m", null);
        marked.addMarker(MarkerFactory.getMarker("AUDIT"));
        EcsLine line = EcsLine.forEnvironment(environment);

        assertThat(line.write(clash, Map.of())).as("names that clash: Boot refuses them").isNull();
        assertThat(line.write(object, Map.of())).as("a list: Boot writes an array").isNull();
        assertThat(line.write(failure, Map.of())).isNull();
        assertThat(line.write(marked, Map.of())).isNull();
        assertThat(encode(context, EcsLogFormatter.class.getName(), object)).isEqualTo(encode(context, "ecs", object));
        assertThat(EcsLine.forEnvironment(new MockEnvironment().withProperty("logging.structured.json.exclude", "ecs")))
                .as("settings that change the members").isNull();
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
