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

        @Override
        public void continuing(Context context, String name, Runnable work) {
            work.run();
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

    /**
     * Runs {@code work} in a span named {@code name} that continues {@code context}, for work a
     * service queued in a row of its own and does later, as the relay does with the outbox (a
     * message delivery, say); without a context, {@code work} runs as it is.
     */
    void continuing(Context context, String name, Runnable work);

    /** A W3C trace context as written in an outbox row: {@code traceparent} and {@code tracestate}. */
    record Context(String traceParent, String traceState) {

        public static final Context EMPTY = new Context(null, null);

        public boolean isEmpty() {
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
            Span span = propagator.extract(carrier(context), Map::get)
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

        @Override
        public void continuing(Context context, String name, Runnable work) {
            if (context.isEmpty()) {
                work.run();
                return;
            }
            Span span = propagator.extract(carrier(context), Map::get).name(name).start();
            try (Tracer.SpanInScope ignored = tracer.withSpan(span)) {
                work.run();
            } catch (RuntimeException e) {
                span.error(e);
                throw e;
            } finally {
                span.end();
            }
        }

        private static Map<String, String> carrier(Context context) {
            Map<String, String> carrier = new HashMap<>();
            carrier.put(TRACEPARENT, context.traceParent());
            if (context.traceState() != null) {
                carrier.put(TRACESTATE, context.traceState());
            }
            return carrier;
        }
    }
}
