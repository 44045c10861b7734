package io.passportsuite.membership.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
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
import io.passportsuite.common.web.Surface;
import jakarta.servlet.http.HttpServletRequest;

/** Answers what the controllers did not, in the format of the surface the request was for. */
@RestControllerAdvice
class RequestErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(RequestErrorAdvice.class);

    @ExceptionHandler(Refusal.class)
    ResponseEntity<Object> refused(HttpServletRequest request, Refusal refusal) {
        return answer(request, refusal.code(), refusal.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Object> unreadable(HttpServletRequest request) {
        return answer(request, ErrorCode.MALFORMED_REQUEST, "The request body is not valid JSON");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> mismatch(HttpServletRequest request, MethodArgumentTypeMismatchException e) {
        return answer(request, ErrorCode.VALIDATION_FAILED, e.getName() + " is not valid");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Object> method(HttpServletRequest request) {
        return answer(request, ErrorCode.METHOD_NOT_ALLOWED, "This method is not allowed here");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Object> mediaType(HttpServletRequest request) {
        return answer(request, ErrorCode.UNSUPPORTED_MEDIA_TYPE, "The body must be JSON");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Object> notAcceptable(HttpServletRequest request) {
        // Answered as JSON all the same: the client asked for something no endpoint here produces.
        ResponseEntity<Object> answer = answer(request, ErrorCode.VALIDATION_FAILED, "This endpoint answers application/json");
        return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).headers(answer.getHeaders()).body(answer.getBody());
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MissingRequestHeaderException.class})
    ResponseEntity<Object> missingParameter(HttpServletRequest request) {
        return answer(request, ErrorCode.VALIDATION_FAILED, "A query parameter or header is missing");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Object> notFound(HttpServletRequest request) {
        return answer(request, ErrorCode.NOT_FOUND, "No such endpoint");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(HttpServletRequest request, Exception e) {
        log.error("Unexpected failure of {} {}", request.getMethod(), request.getRequestURI(), e);
        return answer(request, ErrorCode.INTERNAL_ERROR, "Something went wrong");
    }

    private static ResponseEntity<Object> answer(HttpServletRequest request, ErrorCode code, String message) {
        Surface surface = GuardedPath.of(request).orElse(Surface.OTHER);
        return ErrorBodies.on(surface, code, message);
    }
}
