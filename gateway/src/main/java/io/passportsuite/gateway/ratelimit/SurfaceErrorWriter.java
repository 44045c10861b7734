package io.passportsuite.gateway.ratelimit;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import io.passportsuite.common.error.Envelope;
import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.common.error.PlainError;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a gateway error in the format of the surface the path belongs to. A local stand-in for
 * the gateway's shared surface error renderer; the resilience package holds the same few lines.
 */
final class SurfaceErrorWriter {

    private static final JsonMapper json = new JsonMapper();

    private SurfaceErrorWriter() {
    }

    static Mono<Void> write(ServerWebExchange exchange, ErrorCode code, String message) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.valueOf(code.httpStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] body = json.writeValueAsBytes(body(exchange.getRequest().getPath().value(), code, message));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    static Object body(String path, ErrorCode code, String message) {
        return isEnvelopeSurface(path) ? Envelope.failure(code, message) : PlainError.of(code, message);
    }

    /** {@code /auth/**} but not {@code /auth/v1/**}, and {@code /admin/**}. */
    static boolean isEnvelopeSurface(String path) {
        if (path.equals("/auth/v1") || path.startsWith("/auth/v1/")) {
            return false;
        }
        return path.equals("/auth") || path.startsWith("/auth/") || path.equals("/admin") || path.startsWith("/admin/");
    }
}
