package io.passportsuite.gateway.observability;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * One line per request once it is done. Only the path is logged, never the query string or any
 * header but the gateway's own: queries and headers may carry tokens or API keys.
 */
class AccessLogFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger("io.passportsuite.gateway.access");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long started = System.nanoTime();
        return chain.filter(exchange).doFinally(signal -> log(exchange, started));
    }

    private void log(ServerWebExchange exchange, long started) {
        if (!log.isInfoEnabled()) {
            return;
        }
        long latencyMs = (System.nanoTime() - started) / 1_000_000;
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        String userId = exchange.getAttributeOrDefault(UserIdRecorder.ATTRIBUTE, "-");
        log.info("request_id={} route={} method={} path={} status={} latency_ms={} user_id={}",
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
        return RequestIdFilter.ORDER + 1;
    }
}
