package io.passportsuite.common.logging;

import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.json.JsonWriter.PairExtractor;
import org.springframework.boot.logging.StackTracePrinter;
import org.springframework.boot.logging.structured.ContextPairs;
import org.springframework.boot.logging.structured.ElasticCommonSchemaProperties;
import org.springframework.boot.logging.structured.JsonWriterStructuredLogFormatter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;

/**
 * Every service's log line: an Elastic Common Schema (8.11) JSON object with the members of Spring
 * Boot's {@code ecs} format (timestamp, level, logger, pid, thread, service name/version/
 * environment/node, message, MDC and key-value pairs, error, tags), built into a string and
 * encoded in one step.
 *
 * <p>Why not Boot's {@code ecs} format itself: its encoder writes each line through an
 * {@code OutputStreamWriter} one character at a time (spring-boot issue 49428), which made JSON
 * encoding 13 % of the gateway's CPU under load, where it writes one access-log line per request
 * to two outputs. Selected in {@code passport-suite-defaults.yml} by class name, the way Boot
 * takes a custom structured format; Boot supplies the constructor's arguments.
 *
 * <p>Each line is built once: the console and the file appender each hold a formatter of this
 * class, made by Boot from the same environment, and are handed the same event one after the
 * other on the thread that logs it (for the gateway's access log, the request's event loop). The
 * second takes the line the first built, and so does the log shipper, which the same thread hands
 * the event last ({@link #lineBuiltFor}).
 */
public class EcsLogFormatter extends JsonWriterStructuredLogFormatter<ILoggingEvent> {

    private static final PairExtractor<KeyValuePair> KEY_VALUE = PairExtractor.of(pair -> pair.key, pair -> pair.value);

    /**
     * The last line built on this thread, for the formatters made from the same environment. It
     * holds that one event until the thread logs the next: one event per logging thread.
     */
    private static final ThreadLocal<Built> LAST = new ThreadLocal<>();

    private record Built(Environment environment, ILoggingEvent event, String line) {
    }

    private final Environment environment;
    /** Writes ordinary events' lines without Boot's writer; null when settings change its members. */
    private final EcsLine handWritten;

    public EcsLogFormatter(Environment environment, StackTracePrinter stackTracePrinter, ContextPairs contextPairs,
            ThrowableProxyConverter throwableProxyConverter,
            StructuredLoggingJsonMembersCustomizer.Builder<?> customizerBuilder) {
        super(members -> members(members, environment, contextPairs,
                        event -> stackTrace(event, stackTracePrinter, throwableProxyConverter)),
                customizerBuilder.nested().build());
        this.environment = environment;
        this.handWritten = EcsLine.forEnvironment(environment);
    }

    @Override
    public String format(ILoggingEvent event) {
        Built last = LAST.get();
        if (last != null && last.event() == event && last.environment() == environment) {
            return last.line();
        }
        String line = handWritten == null ? null : handWritten.write(event, ecsNames(event.getMDCPropertyMap()));
        if (line == null) {
            line = super.format(event);
        }
        LAST.set(new Built(environment, event, line));
        return line;
    }

    /**
     * The line a formatter of this class made from {@code environment} built for this very event,
     * when it is the last one built on this thread; null otherwise. The log shipper takes it
     * instead of building the line once more on its own thread.
     */
    static String lineBuiltFor(ILoggingEvent event, Environment environment) {
        Built last = LAST.get();
        return last != null && last.event() == event && last.environment() == environment ? last.line() : null;
    }

    /**
     * Micrometer Tracing puts a span's ids in the MDC as {@code traceId} and {@code spanId}; ECS
     * names them {@code trace.id} and {@code span.id}, which is where log stores join lines to
     * traces.
     */
    static Map<String, String> ecsNames(Map<String, String> mdc) {
        if (!mdc.containsKey("traceId") && !mdc.containsKey("spanId")) {
            return mdc;
        }
        Map<String, String> renamed = new LinkedHashMap<>(mdc);
        String traceId = renamed.remove("traceId");
        String spanId = renamed.remove("spanId");
        if (traceId != null) {
            renamed.put("trace.id", traceId);
        }
        if (spanId != null) {
            renamed.put("span.id", spanId);
        }
        return renamed;
    }

    @Override
    public byte[] formatAsBytes(ILoggingEvent event, Charset charset) {
        return format(event).getBytes(charset);
    }

    private static void members(JsonWriter.Members<ILoggingEvent> members, Environment environment,
            ContextPairs contextPairs, Function<ILoggingEvent, String> stackTrace) {
        members.add("@timestamp", ILoggingEvent::getInstant);
        members.add("log").usingMembers(log -> {
            log.add("level", ILoggingEvent::getLevel);
            log.add("logger", ILoggingEvent::getLoggerName);
        });
        members.add("process").usingMembers(process -> {
            process.add("pid", environment.getProperty("spring.application.pid", Long.class)).whenNotNull();
            process.add("thread").usingMembers(thread -> thread.add("name", ILoggingEvent::getThreadName));
        });
        ElasticCommonSchemaProperties.get(environment).jsonMembers(members);
        members.add("message", ILoggingEvent::getFormattedMessage);
        members.add().usingPairs(contextPairs.nested(pairs -> {
            pairs.addMapEntries(event -> ecsNames(event.getMDCPropertyMap()));
            pairs.add(ILoggingEvent::getKeyValuePairs, KEY_VALUE);
        }));
        members.add().whenNotNull(ILoggingEvent::getThrowableProxy).usingMembers(failed ->
                failed.add("error").usingMembers(error -> {
                    error.add("type", ILoggingEvent::getThrowableProxy).as(IThrowableProxy::getClassName);
                    error.add("message", ILoggingEvent::getThrowableProxy).as(IThrowableProxy::getMessage);
                    error.add("stack_trace", stackTrace::apply);
                }));
        members.add("tags", ILoggingEvent::getMarkerList).whenNotNull().as(EcsLogFormatter::markerNames).whenNotEmpty();
        members.add("ecs").usingMembers(ecs -> ecs.add("version", "8.11"));
    }

    // The configured printer (logging.structured.json.stacktrace.*) when there is one, else
    // Logback's own rendering, as Boot's formats do.
    private static String stackTrace(ILoggingEvent event, StackTracePrinter printer, ThrowableProxyConverter converter) {
        if (printer != null && event.getThrowableProxy() instanceof ThrowableProxy proxy) {
            return printer.printStackTraceToString(proxy.getThrowable());
        }
        return converter.convert(event);
    }

    private static Set<String> markerNames(List<Marker> markers) {
        Set<String> names = new TreeSet<>();
        addNames(names, markers.iterator());
        return names;
    }

    private static void addNames(Set<String> names, Iterator<Marker> markers) {
        while (markers.hasNext()) {
            Marker marker = markers.next();
            names.add(marker.getName());
            addNames(names, marker.iterator());
        }
    }
}
