package io.passportsuite.asset.web;

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
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import io.passportsuite.asset.storage.StorageUnavailable;
import io.passportsuite.common.error.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;

/** Answers what the controllers did not, in the canonical surface's format. */
@RestControllerAdvice
class RequestErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(RequestErrorAdvice.class);
    private static final long DATABASE_RETRY_AFTER_SECONDS = 2;

    @ExceptionHandler(Refusal.class)
    ResponseEntity<Object> refused(Refusal refusal) {
        return ErrorAnswers.of(refusal.code(), refusal.getMessage());
    }

    @ExceptionHandler(StorageUnavailable.class)
    ResponseEntity<Object> storage(HttpServletRequest request, StorageUnavailable e) {
        log.warn("Storage failed for {} {}", request.getMethod(), request.getRequestURI(), e);
        return ErrorAnswers.of(ErrorCode.SERVICE_UNAVAILABLE, "File storage is unavailable, try again later");
    }

    /**
     * The database is away, or every connection stayed taken for the pool's whole wait: a retry
     * later may succeed, so the client is told when rather than given a 500.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            CannotCreateTransactionException.class})
    ResponseEntity<Object> databaseUnavailable(HttpServletRequest request, Exception e) {
        log.warn("Database unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        return ErrorAnswers.busy(DATABASE_RETRY_AFTER_SECONDS);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Object> unreadable() {
        return ErrorAnswers.of(ErrorCode.MALFORMED_REQUEST, "The request body is not valid JSON");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Object> method() {
        return ErrorAnswers.of(ErrorCode.METHOD_NOT_ALLOWED, "This method is not allowed here");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Object> mediaType() {
        return ErrorAnswers.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "This content type is not accepted here");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Object> notAcceptable() {
        return ErrorAnswers.of(ErrorCode.VALIDATION_FAILED, "This endpoint cannot answer in the requested type");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Object> notFound() {
        return ErrorAnswers.of(ErrorCode.NOT_FOUND, "No such endpoint");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(HttpServletRequest request, Exception e) {
        log.error("Unexpected failure of {} {}", request.getMethod(), request.getRequestURI(), e);
        return ErrorAnswers.of(ErrorCode.INTERNAL_ERROR, "Something went wrong");
    }
}
