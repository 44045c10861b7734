package io.passportsuite.gateway.ratelimit;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;

import io.passportsuite.common.web.SuiteHeaders;
import io.passportsuite.gateway.web.ServiceBoundHeaders;
import reactor.core.publisher.Mono;

/**
 * Notes the app the edge verified (the API key's) on the request as it is routed, where the rate
 * limits, which run before the edge, can read it when the answer comes back: a failed login is
 * counted against the app the body names only when that is the caller's own app.
 */
final class RoutedAppRecorder implements GlobalFilter, Ordered {

    static final String VERIFIED_APP_ATTRIBUTE = RoutedAppRecorder.class.getName() + ".verifiedApp";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String app = ServiceBoundHeaders.get(exchange, SuiteHeaders.APP_ID);
        if (app != null) {
            exchange.getAttributes().put(VERIFIED_APP_ATTRIBUTE, app);
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
