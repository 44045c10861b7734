package io.passportsuite.gateway.resilience;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

import io.netty.handler.timeout.ReadTimeoutException;
import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.gateway.web.SurfaceErrors;
import reactor.core.publisher.Mono;

/**
 * Turns "no instance", "connection refused" and "took too long" into 503 and 504 in the
 * surface's format, and a request body cut off on its way into 413 or 408. Without it a refused connection reaches Boot's default handler as a bare 500
 * with Spring's own body. Runs before that handler; anything else passes through untouched.
 */
class UpstreamFailureHandler implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(UpstreamFailureHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        ErrorCode code = classify(failure);
        if (code == null || exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        log.warn("{} {} answered {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                code, failure.toString());
        String message = switch (code) {
            case GATEWAY_TIMEOUT -> "The service did not answer in time";
            case PAYLOAD_TOO_LARGE -> "The request body is too large";
            case REQUEST_TIMEOUT -> "The request body was not sent in time";
            default -> "The service is unavailable, try again later";
        };
        return SurfaceErrors.write(exchange, code, message);
    }

    static ErrorCode classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ResponseStatusException status) {
                if (status.getStatusCode().value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
                    return ErrorCode.SERVICE_UNAVAILABLE;
                }
                if (status.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value()) {
                    return ErrorCode.GATEWAY_TIMEOUT;
                }
                // A request body the gateway cut off on its way (RequestBodyLimits).
                if (status.getStatusCode().value() == HttpStatus.PAYLOAD_TOO_LARGE.value()) {
                    return ErrorCode.PAYLOAD_TOO_LARGE;
                }
                if (status.getStatusCode().value() == HttpStatus.REQUEST_TIMEOUT.value()) {
                    return ErrorCode.REQUEST_TIMEOUT;
                }
            }
            if (cause instanceof TimeoutException || cause instanceof ReadTimeoutException) {
                return ErrorCode.GATEWAY_TIMEOUT;
            }
            // Includes Netty's connect timeout, which is a ConnectException too.
            if (cause instanceof ConnectException) {
                return ErrorCode.SERVICE_UNAVAILABLE;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    @Override
    public int getOrder() {
        // Boot's DefaultErrorWebExceptionHandler is at -1.
        return -2;
    }
}
