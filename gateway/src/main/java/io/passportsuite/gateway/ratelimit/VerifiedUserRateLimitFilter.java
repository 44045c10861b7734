package io.passportsuite.gateway.ratelimit;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * The limits counted per user ({@code key: user}). The user is known only once the edge has
 * verified the access token, so these run as the request is routed, after every web filter and
 * before any service is called; the client's own identity headers are gone by then.
 */
final class VerifiedUserRateLimitFilter implements GlobalFilter, Ordered {

    private final RateLimitFilter limits;

    VerifiedUserRateLimitFilter(RateLimitFilter limits) {
        this.limits = limits;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return limits.limit(exchange, chain::filter);
    }

    @Override
    public int getOrder() {
        // Before the retry of reads (routing.ReadRetry, order 1), so one request is counted once.
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
