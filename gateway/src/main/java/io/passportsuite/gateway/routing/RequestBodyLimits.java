package io.passportsuite.gateway.routing;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CACHED_REQUEST_BODY_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import java.time.Duration;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.AdaptCachedBodyGlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.gateway.web.SurfaceErrors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Bounds the request body of every route: {@code max-request-body-size} in bytes and
 * {@code request-body-timeout} in milliseconds from the route's metadata (the asset route's, for
 * uploads), else {@link RequestBodyProperties}' defaults (64 KiB and 30 seconds, ample for the
 * JSON APIs), for the whole body from its first byte read to its last. A declared length past the
 * size is answered 413 before the service is called; a body that grows past it, or is still
 * arriving at the deadline, is cut off (the service sees the request aborted) and answered 413 or
 * 408 in the surface's format.
 *
 * <p>Why: the response timeout starts once the request is sent, so without a bound here a client
 * sending a body a byte at a time holds a connection to the service as long as it likes, and one
 * sending gigabytes has them pass through, or be held by, the gateway.
 *
 * <p>The Retry default filter makes Spring Cloud Gateway keep every request body of its routes in
 * memory, whole and with no limit, before sending it ({@link AdaptCachedBodyGlobalFilter}), so that
 * a retry can send it again. Only GET and HEAD are retried, which have no body: the body of any
 * other method is streamed to the service instead of held (an empty cached body tells that filter
 * there is nothing left to cache). This filter runs just before it, so the body of a GET or HEAD,
 * which it still holds, is held within the bounds.
 */
final class RequestBodyLimits implements GlobalFilter, Ordered {

    /** Just before {@link AdaptCachedBodyGlobalFilter} (highest precedence + 1000). */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 999;

    static final String MAX_SIZE = "max-request-body-size";
    static final String TIMEOUT = "request-body-timeout";

    /** Cut off on the way to the service; the upstream failure handler answers it. */
    static final class BodyRefused extends ResponseStatusException {
        BodyRefused(HttpStatus status, String reason) {
            super(status, reason);
        }
    }

    private final RequestBodyProperties defaults;

    RequestBodyLimits(RequestBodyProperties defaults) {
        this.defaults = defaults;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        Long routeMax = route == null ? null : positive(route.getMetadata().get(MAX_SIZE));
        Long routeTimeout = route == null ? null : positive(route.getMetadata().get(TIMEOUT));
        long maxBytes = routeMax != null ? routeMax : defaults.maxSize();
        Duration timeout = routeTimeout != null ? Duration.ofMillis(routeTimeout) : defaults.timeout();
        ServerHttpRequest request = exchange.getRequest();
        if (request.getHeaders().getContentLength() > maxBytes) {
            return SurfaceErrors.write(exchange, ErrorCode.PAYLOAD_TOO_LARGE, tooLarge(maxBytes));
        }
        Flux<DataBuffer> bounded = withDeadline(counted(request.getBody(), maxBytes), timeout);
        if (!HttpMethod.GET.equals(request.getMethod()) && !HttpMethod.HEAD.equals(request.getMethod())) {
            exchange.getAttributes().put(CACHED_REQUEST_BODY_ATTR, DefaultDataBufferFactory.sharedInstance.allocateBuffer(0));
        }
        return chain.filter(exchange.mutate().request(new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return bounded;
            }
        }).build());
    }

    private static Flux<DataBuffer> counted(Flux<DataBuffer> body, long maxBytes) {
        return Flux.defer(() -> {
            long[] total = {0};
            return body.handle((buffer, sink) -> {
                total[0] += buffer.readableByteCount();
                if (total[0] > maxBytes) {
                    DataBufferUtils.release(buffer);
                    sink.error(new BodyRefused(HttpStatus.PAYLOAD_TOO_LARGE, tooLarge(maxBytes)));
                } else {
                    sink.next(buffer);
                }
            });
        });
    }

    /** One deadline for the whole body: each wait for the next buffer gets what is left of it. */
    private static Flux<DataBuffer> withDeadline(Flux<DataBuffer> body, Duration timeout) {
        return Flux.defer(() -> {
            long deadline = System.nanoTime() + timeout.toNanos();
            return body.timeout(Mono.delay(timeout),
                            buffer -> Mono.delay(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))))
                    .onErrorMap(java.util.concurrent.TimeoutException.class,
                            late -> new BodyRefused(HttpStatus.REQUEST_TIMEOUT, "The request body was not sent in time"));
        });
    }

    private static String tooLarge(long maxBytes) {
        return "The request body is larger than " + maxBytes + " bytes";
    }

    private static Long positive(Object routeValue) {
        try {
            long value = routeValue instanceof Number number ? number.longValue()
                    : routeValue == null ? 0 : Long.parseLong(routeValue.toString().trim());
            return value > 0 ? value : null;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
