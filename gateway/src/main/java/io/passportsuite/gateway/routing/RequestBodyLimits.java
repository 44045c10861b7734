package io.passportsuite.gateway.routing;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.AdaptCachedBodyGlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.gateway.web.SurfaceErrors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

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
 * <p>A GET or HEAD is read whole before it is sent, so that {@link ReadRetry} can send it again:
 * it is read through these bounds as well. The body of any other method is streamed.
 *
 * <p>The deadline is one timer per body on the connection's event loop, cancelled when the body
 * ends; a request whose headers say it has no body (no length, not chunked) gets none. Not
 * Reactor's {@code timeout} operator: at each subscription it names its source chain, walking it
 * with streams, and its timers go through Reactor's shared scheduler, a locked queue and another
 * thread, for every body of every request.
 */
final class RequestBodyLimits implements GlobalFilter, Ordered {

    /**
     * Before any filter that reads the body: {@link ReadRetry}, and {@link AdaptCachedBodyGlobalFilter}
     * (highest precedence + 1000), which holds the body of a route given a Retry filter of its own.
     */
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
        if (!hasBody(request.getHeaders())) {
            return chain.filter(exchange);
        }
        Flux<DataBuffer> bounded = withDeadline(counted(request.getBody(), maxBytes), timeout, eventLoopOf(request));
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

    /**
     * HTTP/1.1 frames a request body by its length or by chunks: with neither, there is none (the
     * gateway does not speak HTTP/2, where a body may come without either).
     */
    private static boolean hasBody(HttpHeaders headers) {
        return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }

    /** One deadline for the whole body, from its subscription to its end. */
    private static Flux<DataBuffer> withDeadline(Flux<DataBuffer> body, Duration timeout, EventExecutor loop) {
        return Flux.defer(() -> {
            AtomicBoolean late = new AtomicBoolean();
            Runnable expire = () -> late.set(true);
            Mono<Boolean> deadline = loop == null
                    ? Mono.delay(timeout).doOnNext(tick -> expire.run()).thenReturn(true)
                    : Mono.create(sink -> {
                        ScheduledFuture<?> timer = loop.schedule(() -> {
                            expire.run();
                            sink.success(true);
                        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
                        sink.onCancel(() -> timer.cancel(false));
                    });
            return body.takeUntilOther(deadline)
                    .concatWith(Mono.defer(() -> late.get()
                            ? Mono.error(new BodyRefused(HttpStatus.REQUEST_TIMEOUT, "The request body was not sent in time"))
                            : Mono.empty()));
        });
    }

    /** The event loop of the client's connection, where its body arrives; null off Reactor Netty. */
    private static EventExecutor eventLoopOf(ServerHttpRequest request) {
        return ServerHttpRequestDecorator.getNativeRequest(request) instanceof Connection connection
                ? connection.channel().eventLoop() : null;
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
