package io.passportsuite.gateway.observability;

import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.passportsuite.common.web.SuiteHeaders;
import reactor.core.publisher.Mono;

/**
 * Gives every request an {@code X-Request-Id}: the client's when it is safe to log and pass on,
 * a new one otherwise. It runs first so that every later filter, the downstream service and
 * the response (errors included) carry the same id.
 */
public class RequestIdFilter implements WebFilter, Ordered {

    /** Exchange attribute holding the request id, for filters that cannot see the mutated request. */
    public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".requestId";

    static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

    // Ids end up in log lines and in other services' headers: no spaces, quotes or control characters.
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String requestId = accepted(exchange.getRequest().getHeaders().getFirst(SuiteHeaders.REQUEST_ID));
        exchange.getAttributes().put(ATTRIBUTE, requestId);
        exchange.getResponse().getHeaders().set(SuiteHeaders.REQUEST_ID, requestId);
        ServerWebExchange withId = exchange.mutate()
                .request(request -> request.headers(headers -> headers.set(SuiteHeaders.REQUEST_ID, requestId)))
                .build();
        return chain.filter(withId);
    }

    static String accepted(String offered) {
        return offered != null && ACCEPTED.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }

    public static String of(ServerWebExchange exchange) {
        return exchange.getAttributeOrDefault(ATTRIBUTE, "-");
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
