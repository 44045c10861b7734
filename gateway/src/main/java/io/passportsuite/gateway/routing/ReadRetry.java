package io.passportsuite.gateway.routing;

import java.net.ConnectException;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory.RetryConfig;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Sends an idempotent read (GET, HEAD) again when it never reached a service (refused connection)
 * or the service said it is unavailable (502, 503), with Spring Cloud Gateway's Retry filter and
 * the body it may carry kept to be sent again. Any other request goes straight on: it is never
 * retried, since a service may have acted on it.
 *
 * <p>Why not the Retry filter as a default route filter, as before: it wraps every request of its
 * routes, writes included, in {@code retryWhen} and {@code repeatWhen} with their companion chains,
 * built and run for each request only to decide, at its end, that a POST is not retried; and it
 * has the gateway hold the body of every request of its routes (which RequestBodyLimits had to
 * undo for writes) so that a retry could send it.
 */
final class ReadRetry implements GlobalFilter, Ordered {

    /** Where the default route filter was: after the rate limits, which count a request once. */
    static final int ORDER = 1;

    /** Null when retrying is off (Spring Cloud Gateway's filter refuses zero retries). */
    private final GatewayFilter retry;

    ReadRetry(RetryGatewayFilterFactory factory, ReadRetryProperties properties) {
        if (properties.retries() == 0) {
            this.retry = null;
            return;
        }
        RetryConfig config = new RetryConfig()
                .setRetries(properties.retries())
                .setMethods(HttpMethod.GET, HttpMethod.HEAD)
                .setSeries()
                .setStatuses(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE)
                .setExceptions(ConnectException.class)
                .setBackoff(properties.firstBackoff(), properties.maxBackoff(), 2, false);
        this.retry = factory.apply(config);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        if (retry == null || !HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            return chain.filter(exchange);
        }
        // A second attempt cannot read the client's body again: it is read once, within
        // RequestBodyLimits' bounds, and sent from memory at each attempt.
        return ServerWebExchangeUtils.cacheRequestBody(exchange,
                cached -> retry.filter(exchange.mutate().request(cached).build(), chain));
    }
}
