package io.passportsuite.gateway.observability;

import java.util.HashMap;
import java.util.Map;

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
import reactor.core.publisher.Mono;

/**
 * The gateway's span of each request: it continues the client's W3C {@code traceparent} when
 * there is one (or starts a trace), and the request goes on to the service with the gateway's span
 * as its parent, so a trace shows the time spent here. Written by hand rather than through the
 * generic server observation, which the gateway leaves off (see {@link AccessLogFilter}); nothing
 * is put in thread-locals, as the request moves between threads.
 *
 * <p>Whether a trace is recorded follows the parent's decision when the client sent one, as W3C
 * trace context means; otherwise {@code management.tracing.sampling.probability}.
 */
class TracingFilter implements WebFilter, Ordered {

    static final String SPAN_ATTRIBUTE = TracingFilter.class.getName() + ".span";
    private static final String TRACEPARENT = "traceparent";
    private static final String TRACESTATE = "tracestate";
    private static final Propagator.Getter<HttpHeaders> HEADERS = HttpHeaders::getFirst;

    private final Propagator propagator;

    TracingFilter(Propagator propagator) {
        this.propagator = propagator;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        Span span = propagator.extract(request.getHeaders(), HEADERS)
                .kind(Span.Kind.SERVER)
                .name("http " + request.getMethod().name())
                // The path only: a query string may carry a token.
                .tag("http.request.method", request.getMethod().name())
                .tag("url.path", request.getPath().value())
                .start();
        Map<String, String> context = new HashMap<>(4);
        propagator.inject(span.context(), context, Map::put);
        ServerWebExchange traced = exchange.mutate().request(builder -> builder.headers(headers -> {
            // The service continues from the gateway's span, not from whatever the client sent.
            headers.remove(TRACEPARENT);
            headers.remove(TRACESTATE);
            context.forEach(headers::set);
        })).build();
        traced.getAttributes().put(SPAN_ATTRIBUTE, span);
        return chain.filter(traced).doFinally(signal -> {
            Route route = traced.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
            if (route != null) {
                span.name("http " + request.getMethod().name() + " " + route.getId());
                span.tag("gateway.route", route.getId());
            }
            HttpStatusCode status = traced.getResponse().getStatusCode();
            if (status != null) {
                span.tag("http.response.status_code", Integer.toString(status.value()));
                if (status.is5xxServerError()) {
                    span.tag("error.type", Integer.toString(status.value()));
                }
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
