package io.passportsuite.gateway.observability;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.gateway.web.SurfaceErrors;
import reactor.core.publisher.Mono;

/**
 * One line per request once it is done. Only the path is logged, never the query string or any
 * header but the gateway's own: queries and headers may carry tokens or API keys.
 *
 * <p>Answers the gateway gave itself (refused token or key, rate limit, no route, service down)
 * are also counted here, by error code and status, in {@code passport.gateway.answers}: the route
 * metrics see only requests that reached a route, and the generic per-request server metric is
 * switched off in the gateway (it cost about 4 % of its throughput and duplicated the route
 * metrics for everything else).
 */
class AccessLogFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger("io.passportsuite.gateway.access");

    private final MeterRegistry meters;

    AccessLogFilter(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long started = System.nanoTime();
        return chain.filter(exchange).doFinally(signal -> {
            countOwnAnswer(exchange);
            log(exchange, started);
        });
    }

    private void countOwnAnswer(ServerWebExchange exchange) {
        ErrorCode code = exchange.getAttribute(SurfaceErrors.ERROR_CODE_ATTRIBUTE);
        if (code != null) {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            meters.counter("passport.gateway.answers", "code", code.name(),
                    "status", status == null ? "-" : Integer.toString(status.value())).increment();
        }
    }

    private void log(ServerWebExchange exchange, long started) {
        if (!log.isInfoEnabled()) {
            return;
        }
        long latencyMs = (System.nanoTime() - started) / 1_000_000;
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        String userId = exchange.getAttributeOrDefault(UserIdRecorder.ATTRIBUTE, "-");
        LoggingEventBuilder line = log.atInfo();
        Span span = TracingFilter.of(exchange);
        if (span != null) {
            // ECS's names: the log line joins its trace in a log store.
            line = line.addKeyValue("trace.id", span.context().traceId()).addKeyValue("span.id", span.context().spanId());
        }
        line.log("request_id={} route={} method={} path={} status={} latency_ms={} user_id={}",
                RequestIdFilter.of(exchange),
                route == null ? "-" : route.getId(),
                exchange.getRequest().getMethod().name(),
                exchange.getRequest().getPath().value(),
                status == null ? "-" : status.value(),
                latencyMs,
                userId);
    }

    @Override
    public int getOrder() {
        return RequestIdFilter.ORDER + 2;
    }
}
