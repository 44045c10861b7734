package io.passportsuite.passport.web;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;
import io.passportsuite.passport.password.HashingSaturated;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Requests that never reach a use case (unknown path, wrong method, unreadable body, wrong
 * parameter type), problems raised while a surface reads its request, and anything unexpected:
 * a clear error from the surface's responder, never a stack trace. Outcomes of use cases are
 * answered by each surface's controllers through the same responder.
 */
@RestControllerAdvice
class RequestErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(RequestErrorAdvice.class);
    private static final Duration DATABASE_RETRY_AFTER = Duration.ofSeconds(5);

    private final ProblemResponders responders;

    RequestErrorAdvice(ProblemResponders responders) {
        this.responders = responders;
    }

    @ExceptionHandler(Problem.Raised.class)
    ResponseEntity<Object> problem(Problem.Raised raised, HttpServletRequest request) {
        return responders.failure(request, raised.problem());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Object> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        return responders.failure(request, Problem.of(BodySizeLimitFilter.isTooLarge(e) ? Reason.BODY_TOO_LARGE : Reason.BODY_MALFORMED));
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class,
            MissingRequestHeaderException.class})
    ResponseEntity<Object> badParameter(Exception e, HttpServletRequest request) {
        return responders.failure(request, Problem.of(Reason.PARAMETER_MALFORMED));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Object> notFound(HttpServletRequest request) {
        return responders.failure(request, Problem.of(Reason.NO_SUCH_ENDPOINT));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Object> method(HttpServletRequest request) {
        return responders.failure(request, Problem.of(Reason.METHOD_NOT_ALLOWED));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Object> mediaType(HttpServletRequest request) {
        return responders.failure(request, Problem.of(Reason.MEDIA_TYPE_UNSUPPORTED));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Object> notAcceptable(HttpServletRequest request) {
        return responders.failure(request, Problem.of(Reason.NOT_ACCEPTABLE));
    }

    /** The database is away or saturated: a retry later may succeed, so say so rather than 500. */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            CannotCreateTransactionException.class})
    ResponseEntity<Object> unavailable(Exception e, HttpServletRequest request) {
        log.warn("Database unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        return responders.failure(request, Problem.unavailable(DATABASE_RETRY_AFTER));
    }

    /** Every hashing slot is taken and the queue is full: the client backs off instead of piling up. */
    @ExceptionHandler(HashingSaturated.class)
    ResponseEntity<Object> hashingSaturated(HashingSaturated e, HttpServletRequest request) {
        return responders.failure(request, Problem.unavailable(e.retryAfter()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        if (DatabaseOutage.causes(e)) {
            return unavailable(e, request);
        }
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return responders.failure(request, Problem.of(Reason.INTERNAL));
    }
}
