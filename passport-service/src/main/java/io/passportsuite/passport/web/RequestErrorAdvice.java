package io.passportsuite.passport.web;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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

import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.password.HashingSaturated;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Requests that never reach a use case (unknown path, wrong method, unreadable body, wrong
 * parameter type) and anything unexpected: a clear error in the request's surface format, never
 * a stack trace. Outcomes of use cases are mapped by each surface's controllers themselves.
 */
@RestControllerAdvice
class RequestErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(RequestErrorAdvice.class);
    private static final Duration DATABASE_RETRY_AFTER = Duration.ofSeconds(5);

    @ExceptionHandler(Problem.Raised.class)
    ResponseEntity<Object> problem(Problem.Raised raised, HttpServletRequest request) {
        return ProblemResponses.of(request.getRequestURI(), raised.problem());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Object> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        if (BodySizeLimitFilter.isTooLarge(e)) {
            return ErrorResponses.of(request.getRequestURI(), HttpStatus.PAYLOAD_TOO_LARGE, ErrorCode.PAYLOAD_TOO_LARGE,
                    "request body too large");
        }
        return ErrorResponses.of(request.getRequestURI(), HttpStatus.BAD_REQUEST, ErrorCode.MALFORMED_REQUEST,
                "request body is missing or is not valid JSON of the expected shape");
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class,
            MissingRequestHeaderException.class})
    ResponseEntity<Object> badParameter(Exception e, HttpServletRequest request) {
        return ErrorResponses.of(request.getRequestURI(), HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_FAILED,
                "a path or query parameter is missing or malformed");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Object> notFound(HttpServletRequest request) {
        return ErrorResponses.of(request.getRequestURI(), ErrorCode.NOT_FOUND, "no such endpoint");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Object> method(HttpServletRequest request) {
        return ErrorResponses.of(request.getRequestURI(), ErrorCode.METHOD_NOT_ALLOWED, "method not allowed on this endpoint");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Object> mediaType(HttpServletRequest request) {
        return ErrorResponses.of(request.getRequestURI(), ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send Content-Type: application/json");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Object> notAcceptable(HttpServletRequest request) {
        return ErrorResponses.of(request.getRequestURI(), HttpStatus.NOT_ACCEPTABLE, ErrorCode.VALIDATION_FAILED,
                "this endpoint answers application/json");
    }

    /** The database is away or saturated: a retry later may succeed, so say so rather than 500. */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            CannotCreateTransactionException.class})
    ResponseEntity<Object> unavailable(Exception e, HttpServletRequest request) {
        log.warn("Database unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        return serviceUnavailable(request, DATABASE_RETRY_AFTER);
    }

    /** Every hashing slot is taken and the queue is full: the client backs off instead of piling up. */
    @ExceptionHandler(HashingSaturated.class)
    ResponseEntity<Object> hashingSaturated(HashingSaturated e, HttpServletRequest request) {
        return serviceUnavailable(request, e.retryAfter());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        if (DatabaseOutage.causes(e)) {
            return unavailable(e, request);
        }
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return ErrorResponses.of(request.getRequestURI(), ErrorCode.INTERNAL_ERROR, "internal error");
    }

    private static ResponseEntity<Object> serviceUnavailable(HttpServletRequest request, Duration retryAfter) {
        ResponseEntity<Object> error = ErrorResponses.of(request.getRequestURI(), ErrorCode.SERVICE_UNAVAILABLE,
                "temporarily unavailable, retry shortly");
        return ResponseEntity.status(error.getStatusCode()).headers(error.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds())))
                .body(error.getBody());
    }
}
