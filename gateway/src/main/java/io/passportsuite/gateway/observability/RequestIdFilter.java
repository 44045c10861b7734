package io.passportsuite.gateway.observability;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.passportsuite.common.web.SuiteHeaders;
import reactor.core.publisher.Mono;

/**
 * Gives every request an {@code X-Request-Id}: the client's when it is safe to log and pass on,
 * a new one otherwise. It runs first so that every later filter and the response (errors
 * included) carry the same id. The edge filter passes it on to the service, with the other
 * headers the gateway sets, in its one change of the request.
 */
public class RequestIdFilter implements WebFilter, Ordered {

    /** Exchange attribute holding the request id, where later filters and error answers read it. */
    public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".requestId";

    static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

    // Ids end up in log lines and in other services' headers: no spaces, quotes or control characters.
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String requestId = accepted(exchange.getRequest().getHeaders().getFirst(SuiteHeaders.REQUEST_ID));
        exchange.getAttributes().put(ATTRIBUTE, requestId);
        exchange.getResponse().getHeaders().set(SuiteHeaders.REQUEST_ID, requestId);
        return chain.filter(exchange);
    }

    static String accepted(String offered) {
        return offered != null && ACCEPTED.matcher(offered).matches() ? offered : randomId();
    }

    /**
     * A random (version 4) UUID from the thread's own generator: an id to find a request by, not a
     * secret, so it need not come from {@code SecureRandom} as {@code UUID.randomUUID()} does, at
     * 1 % of the gateway's CPU.
     */
    static String randomId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & ~(0x3L << 62) | (0x2L << 62);
        return new UUID(high, low).toString();
    }

    public static String of(ServerWebExchange exchange) {
        return exchange.getAttributeOrDefault(ATTRIBUTE, "-");
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
