package io.passportsuite.gateway.web;

import java.util.Map;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import io.passportsuite.common.error.Envelope;
import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.common.error.PlainError;
import io.passportsuite.common.web.Surface;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers a request the gateway itself refuses (bad token, rate limit, no route...) in the format
 * of the surface the client called, so a client sees the same error shape whether the gateway or
 * the service behind it refused. Which surface a path belongs to, and whether it answers in the
 * envelope, is {@link Surface}'s declaration, the one the services read too.
 */
public final class SurfaceErrors {

    /** Exchange attribute holding the {@link ErrorCode} of an answer written here, for metrics. */
    public static final String ERROR_CODE_ATTRIBUTE = SurfaceErrors.class.getName() + ".errorCode";

    private static final JsonMapper JSON = new JsonMapper();

    private SurfaceErrors() {
    }

    public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, ErrorCode code, String message) {
        Object body = Surface.of(exchange.getRequest().getPath().value()).usesEnvelope()
                ? Envelope.failure(code, message)
                : PlainError.of(code, message);
        return writeBody(exchange, status, code, body);
    }

    /** With the status the code stands for. */
    public static Mono<Void> write(ServerWebExchange exchange, ErrorCode code, String message) {
        return write(exchange, HttpStatus.valueOf(code.httpStatus()), code, message);
    }

    /**
     * With the status the code stands for, and fields a program reads besides the code (such as
     * the capability that was missing): next to {@code error} and {@code message} in plain JSON,
     * as {@code data} in the envelope. A detail never replaces the code or the message.
     */
    public static Mono<Void> write(ServerWebExchange exchange, ErrorCode code, String message, Map<String, String> details) {
        Object body;
        if (Surface.of(exchange.getRequest().getPath().value()).usesEnvelope()) {
            body = Envelope.failure(code, details, message);
        } else {
            ObjectNode plain = JSON.valueToTree(PlainError.of(code, message));
            details.forEach((field, value) -> {
                if (!plain.has(field)) {
                    plain.put(field, value);
                }
            });
            body = plain;
        }
        return writeBody(exchange, HttpStatus.valueOf(code.httpStatus()), code, body);
    }

    /** Plain JSON whatever the path: for requests that belong to no surface, such as unroutable or ambiguous paths. */
    public static Mono<Void> writePlain(ServerWebExchange exchange, HttpStatus status, ErrorCode code, String message) {
        return writeBody(exchange, status, code, PlainError.of(code, message));
    }

    private static Mono<Void> writeBody(ServerWebExchange exchange, HttpStatus status, ErrorCode code, Object body) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        exchange.getAttributes().put(ERROR_CODE_ATTRIBUTE, code);
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        DataBuffer buffer = response.bufferFactory().wrap(JSON.writeValueAsBytes(body));
        return response.writeWith(Mono.just(buffer));
    }
}
