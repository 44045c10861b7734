package io.passportsuite.gateway.routing;

import static org.springframework.cloud.gateway.support.RouteMetadataUtils.CONNECT_TIMEOUT_ATTR;
import static org.springframework.cloud.gateway.support.RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CLIENT_RESPONSE_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CLIENT_RESPONSE_HEADER_NAMES;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.isAlreadyRouted;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.setAlreadyRouted;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.passportsuite.gateway.web.ServiceBoundHeaders;
import reactor.core.publisher.Mono;
import reactor.netty.NettyPipeline;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;

/**
 * Sends a routed request to the chosen service instance and puts the service's status and headers
 * on the client's answer; Spring Cloud Gateway's {@code NettyWriteResponseFilter} then streams the
 * body back, as it would after its own routing filter, whose place this takes.
 *
 * <p>Why not {@link NettyRoutingFilter}: per request it built a new client configuration to apply
 * the connect timeout, copied the request headers twice and the answer's twice around its header
 * filters, and timed the answer with a Reactor timer on a shared scheduler (plus the context
 * lookups that come with it). Here the client for each pair of timeouts is built once, each
 * message's headers are copied once through {@link ProxiedHeaders}, and the response timeout is
 * Reactor Netty's own, a timer on the connection's event loop from the moment the request is
 * sent until the answer's headers arrive. A timed-out answer fails with Netty's
 * {@code ReadTimeoutException}, which the gateway answers with 504 in the surface's format.
 * Sending the request body is not timed here (Spring Cloud Gateway's timer included it): a route
 * that takes uploads bounds the body's size and sending time in {@link RequestBodyLimits}.
 *
 * <p>Not supported, as no route uses them: the {@code PreserveHostHeader} and
 * {@code ModifyResponseBody} filters, which read attributes this filter does not set.
 *
 * <p>Route metadata keeps Spring Cloud Gateway's meaning: {@code connect-timeout} and
 * {@code response-timeout} in milliseconds, a negative response timeout for none; the defaults
 * are {@code spring.cloud.gateway.server.webflux.httpclient.*}.
 */
final class ServiceForwardingFilter implements GlobalFilter, Ordered {

    private final HttpClient httpClient;
    private final HttpClientProperties properties;
    // A handful of entries: one per distinct pair of timeouts among the routes.
    private final Map<Timeouts, HttpClient> clients = new ConcurrentHashMap<>();

    ServiceForwardingFilter(HttpClient httpClient, HttpClientProperties properties) {
        this.httpClient = httpClient;
        this.properties = properties;
    }

    @Override
    public int getOrder() {
        return NettyRoutingFilter.ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI url = exchange.getRequiredAttribute(GATEWAY_REQUEST_URL_ATTR);
        String scheme = url.getScheme();
        if (isAlreadyRouted(exchange) || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
            return chain.filter(exchange);
        }
        setAlreadyRouted(exchange);
        Route route = exchange.getRequiredAttribute(GATEWAY_ROUTE_ATTR);
        ServerHttpRequest request = exchange.getRequest();
        return clientFor(route)
                .request(HttpMethod.valueOf(request.getMethod().name()))
                .uri(url)
                .send((outgoing, body) -> {
                    copyRequestHeaders(request.getHeaders(), ServiceBoundHeaders.of(exchange), outgoing.requestHeaders());
                    return body.send(request.getBody().map(ServiceForwardingFilter::byteBuf));
                })
                .responseConnection((answer, connection) -> {
                    // The timeout bounds the wait for the answer, as before; Reactor Netty would
                    // keep it while the body is read, and cut off a body that a slow client makes
                    // the gateway stop reading.
                    connection.removeHandler(NettyPipeline.ResponseTimeoutHandler);
                    // NettyWriteResponseFilter writes the body from the connection once the
                    // filters after routing have seen the status and headers.
                    exchange.getAttributes().put(CLIENT_RESPONSE_ATTR, answer);
                    exchange.getAttributes().put(CLIENT_RESPONSE_CONN_ATTR, connection);
                    copyAnswer(answer, exchange);
                    return Mono.just(answer);
                })
                .then(chain.filter(exchange));
    }

    /**
     * The client's headers minus what {@link ProxiedHeaders} drops, {@code Host} and what the
     * gateway replaces (identity, address, request id, trace context), then the gateway's own.
     */
    static void copyRequestHeaders(HttpHeaders from, ServiceBoundHeaders gateway, io.netty.handler.codec.http.HttpHeaders to) {
        ProxiedHeaders rule = ProxiedHeaders.forMessage(from.get(HttpHeaders.CONNECTION),
                from.get(HttpHeaders.TRANSFER_ENCODING));
        from.forEach((name, values) -> {
            // Reactor Netty has set Host to the instance's address, as a service expects.
            if (rule.passes(name) && !name.equalsIgnoreCase(HttpHeaders.HOST) && !gateway.replaces(name)) {
                to.set(name, values);
            }
        });
        gateway.forEach(to::set);
    }

    private static void copyAnswer(HttpClientResponse answer, ServerWebExchange exchange) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(answer.status().code()));
        if (response.isCommitted()) {
            // An earlier filter has answered already; its headers have been sent.
            return;
        }
        // The retry filter removes these names before it sends the request again.
        exchange.getAttributes().put(CLIENT_RESPONSE_HEADER_NAMES,
                copyResponseHeaders(answer.responseHeaders(), response.getHeaders()));
    }

    /** The service's headers minus what {@link ProxiedHeaders} drops; answers the names copied. */
    static Set<String> copyResponseHeaders(io.netty.handler.codec.http.HttpHeaders from, HttpHeaders to) {
        ProxiedHeaders rule = ProxiedHeaders.forMessage(from.getAll(HttpHeaderNames.CONNECTION),
                from.getAll(HttpHeaderNames.TRANSFER_ENCODING));
        Set<String> copied = new HashSet<>();
        for (Map.Entry<String, String> header : from) {
            if (rule.passes(header.getKey())) {
                to.add(header.getKey(), header.getValue());
                copied.add(header.getKey());
            }
        }
        return copied;
    }

    private HttpClient clientFor(Route route) {
        Timeouts timeouts = new Timeouts(
                millis(route.getMetadata().get(CONNECT_TIMEOUT_ATTR), properties.getConnectTimeout()),
                responseTimeout(route));
        return clients.computeIfAbsent(timeouts, this::client);
    }

    private HttpClient client(Timeouts timeouts) {
        HttpClient client = httpClient;
        if (timeouts.connectMillis() != null) {
            client = client.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeouts.connectMillis());
        }
        return timeouts.response() == null ? client : client.responseTimeout(timeouts.response());
    }

    private Duration responseTimeout(Route route) {
        Long millis = millis(route.getMetadata().get(RESPONSE_TIMEOUT_ATTR));
        if (millis == null) {
            return properties.getResponseTimeout();
        }
        return millis < 0 ? null : Duration.ofMillis(millis);
    }

    private static Integer millis(Object routeValue, Integer fallback) {
        Long millis = millis(routeValue);
        return millis == null || millis > Integer.MAX_VALUE ? fallback : Integer.valueOf(millis.intValue());
    }

    // A value that is not a number (or a connect timeout beyond an int) leaves the default in force
    // (Spring Cloud Gateway did so for the response timeout).
    private static Long millis(Object routeValue) {
        if (routeValue instanceof Number number) {
            return number.longValue();
        }
        try {
            return routeValue == null ? null : Long.valueOf(routeValue.toString().trim());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static ByteBuf byteBuf(DataBuffer buffer) {
        if (buffer instanceof NettyDataBuffer netty) {
            return netty.getNativeBuffer();
        }
        // Only a server other than Reactor Netty's hands out other buffers.
        byte[] bytes = new byte[buffer.readableByteCount()];
        buffer.read(bytes);
        DataBufferUtils.release(buffer);
        return Unpooled.wrappedBuffer(bytes);
    }

    private record Timeouts(Integer connectMillis, Duration response) {
    }
}
