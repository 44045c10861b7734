package io.passportsuite.common.eventing;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.apache.kafka.common.header.Headers;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Carries a request's trace across the outbox: the writer keeps the W3C context of the request
 * that made the state change in the event's row, and the relay, seconds or hours later, publishes
 * the event in a span that is a child of it, with the context in the record's headers. The
 * consumer's listener observation continues from those headers, so one trace runs from the client
 * through the service, its outbox and Kafka to whoever consumed the event.
 */
public interface OutboxTracing {

    /** For a service without tracing: events carry no context and are published as they are. */
    OutboxTracing NONE = new OutboxTracing() {
        @Override
        public Context current() {
            return Context.EMPTY;
        }

        @Override
        public <T> CompletableFuture<T> publishing(Context context, String topic, Headers headers,
                Supplier<CompletableFuture<T>> send) {
            return send.get();
        }
    };

    /** The context of the span current on this thread, or {@link Context#EMPTY}. */
    Context current();

    /**
     * Runs {@code send} in a producer span that continues {@code context} and adds the span's
     * context to {@code headers}; the span ends with the send. An event written outside any trace
     * (a scheduled job's) is sent as it is: a trace of the relay alone would tell nobody anything.
     */
    <T> CompletableFuture<T> publishing(Context context, String topic, Headers headers, Supplier<CompletableFuture<T>> send);

    /** A W3C trace context as written in an outbox row: {@code traceparent} and {@code tracestate}. */
    record Context(String traceParent, String traceState) {

        public static final Context EMPTY = new Context(null, null);

        boolean isEmpty() {
            return traceParent == null;
        }
    }

    /** Micrometer Tracing, with whichever tracer and W3C propagator the service runs. */
    final class Micrometer implements OutboxTracing {

        private static final String TRACEPARENT = "traceparent";
        private static final String TRACESTATE = "tracestate";

        private final Tracer tracer;
        private final Propagator propagator;

        public Micrometer(Tracer tracer, Propagator propagator) {
            this.tracer = tracer;
            this.propagator = propagator;
        }

        @Override
        public Context current() {
            Span span = tracer.currentSpan();
            if (span == null) {
                return Context.EMPTY;
            }
            Map<String, String> carrier = new HashMap<>();
            propagator.inject(span.context(), carrier, Map::put);
            return new Context(carrier.get(TRACEPARENT), carrier.get(TRACESTATE));
        }

        @Override
        public <T> CompletableFuture<T> publishing(Context context, String topic, Headers headers,
                Supplier<CompletableFuture<T>> send) {
            if (context.isEmpty()) {
                return send.get();
            }
            Map<String, String> carrier = new HashMap<>();
            carrier.put(TRACEPARENT, context.traceParent());
            if (context.traceState() != null) {
                carrier.put(TRACESTATE, context.traceState());
            }
            Span span = propagator.extract(carrier, Map::get)
                    .name(topic + " publish")
                    .kind(Span.Kind.PRODUCER)
                    .remoteServiceName("kafka")
                    .tag("messaging.system", "kafka")
                    .tag("messaging.destination.name", topic)
                    .start();
            TraceContext published = span.context();
            // A consumer reads the context from the record; a header left from elsewhere would fork it.
            headers.remove(TRACEPARENT);
            headers.remove(TRACESTATE);
            propagator.inject(published, headers,
                    (target, key, value) -> target.add(key, value.getBytes(StandardCharsets.UTF_8)));
            CompletableFuture<T> sending;
            try (Tracer.SpanInScope ignored = tracer.withSpan(span)) {
                sending = send.get();
            } catch (RuntimeException e) {
                span.error(e).end();
                throw e;
            }
            sending.whenComplete((result, failure) -> {
                if (failure != null) {
                    span.error(failure);
                }
                span.end();
            });
            return sending;
        }
    }
}
