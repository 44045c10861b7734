package io.passportsuite.gateway.observability;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.propagation.Propagator;
import io.passportsuite.gateway.web.ServiceBoundHeaders;
import reactor.core.publisher.Mono;

/**
 * The gateway's span of each request, the parent of the service's: the request goes on with the
 * gateway's W3C {@code traceparent} and with no other tracing header, so a trace shows the time
 * spent here. Written by hand rather than through the generic server observation, which the
 * gateway leaves off (see {@link AccessLogFilter}); nothing is put in thread-locals, as the
 * request moves between threads.
 *
 * <p>A client's trace context is not taken on by default: with it, anyone on the internet would
 * decide which of their requests are recorded (a sampled flag on every request multiplies the
 * spans exported), choose their trace ids, and carry {@code tracestate} or baggage into the
 * suite's records. Each request starts its own trace, recorded at
 * {@code management.tracing.sampling.probability}. Behind a proxy that traces and that the
 * operator trusts (a mesh, an ingress with tracing), {@code passport.gateway.tracing.trust-client-context}
 * continues the incoming {@code traceparent} instead.
 */
class TracingFilter implements WebFilter, Ordered {

    static final String SPAN_ATTRIBUTE = TracingFilter.class.getName() + ".span";
    private static final Propagator.Getter<HttpHeaders> HEADERS = HttpHeaders::getFirst;
    private static final HttpHeaders NO_HEADERS = HttpHeaders.readOnlyHttpHeaders(new HttpHeaders());

    private final Propagator propagator;
    private final boolean trustClientContext;

    TracingFilter(Propagator propagator, boolean trustClientContext) {
        this.propagator = propagator;
        this.trustClientContext = trustClientContext;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        Span span = propagator.extract(trustClientContext ? request.getHeaders() : NO_HEADERS, HEADERS)
                .kind(Span.Kind.SERVER)
                .name("http " + request.getMethod().name())
                // The path only: a query string may carry a token.
                .tag("http.request.method", request.getMethod().name())
                .tag("url.path", request.getPath().value())
                .start();
        // The service continues from the gateway's span, not from whatever the client sent: the
        // client's tracing headers are dropped on the way (ServiceBoundHeaders.TRACING_HEADERS).
        propagator.inject(span.context(), ServiceBoundHeaders.of(exchange), ServiceBoundHeaders::set);
        exchange.getAttributes().put(SPAN_ATTRIBUTE, span);
        // The status as the client gets it, also when the gateway answers an upstream failure
        // itself after this chain has ended in an error (502, 503, 504).
        exchange.getResponse().beforeCommit(() -> {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            if (status != null) {
                span.tag("http.response.status_code", Integer.toString(status.value()));
                if (status.is5xxServerError()) {
                    span.tag("error.type", Integer.toString(status.value()));
                }
            }
            return Mono.empty();
        });
        return chain.filter(exchange).doOnError(span::error).doFinally(signal -> {
            Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
            if (route != null) {
                span.name("http " + request.getMethod().name() + " " + route.getId());
                span.tag("gateway.route", route.getId());
            }
            span.end();
        });
    }

    /** The span of a request this filter has seen, or null. */
    static Span of(ServerWebExchange exchange) {
        return exchange.getAttribute(SPAN_ATTRIBUTE);
    }

    @Override
    public int getOrder() {
        // Right after the request id, before the access log, which reads this span's ids.
        return RequestIdFilter.ORDER + 1;
    }
}
