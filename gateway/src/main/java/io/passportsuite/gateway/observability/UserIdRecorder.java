package io.passportsuite.gateway.observability;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;

import io.passportsuite.common.web.SuiteHeaders;
import io.passportsuite.gateway.web.ServiceBoundHeaders;
import reactor.core.publisher.Mono;

/**
 * Notes the user id the gateway's token check put on the outgoing request, for the access log.
 * It runs just before the request is sent, after every filter that may set or strip the header;
 * the access log sits outside those filters and would only see the client's original request.
 */
public final class UserIdRecorder implements GlobalFilter, Ordered {

    static final String ATTRIBUTE = UserIdRecorder.class.getName() + ".userId";

    UserIdRecorder() {
    }

    /** For a filter that answers a verified user's request itself: the request never reaches this one. */
    public static void note(ServerWebExchange exchange, String userId) {
        exchange.getAttributes().put(ATTRIBUTE, userId);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String userId = ServiceBoundHeaders.get(exchange, SuiteHeaders.USER_ID);
        if (userId != null) {
            exchange.getAttributes().put(ATTRIBUTE, userId);
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return NettyRoutingFilter.ORDER - 1;
    }
}
