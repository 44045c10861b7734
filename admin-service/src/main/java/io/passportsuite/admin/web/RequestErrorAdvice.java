package io.passportsuite.admin.web;

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
import jakarta.servlet.http.HttpServletRequest;

/** The envelope for every refusal and for what the controllers did not answer themselves. */
@RestControllerAdvice
class RequestErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(RequestErrorAdvice.class);

    @ExceptionHandler(Refusal.class)
    ResponseEntity<Object> refused(Refusal refusal) {
        return ErrorBodies.envelope(refusal);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Object> unreadable(HttpServletRequest request) {
        return ErrorBodies.envelope(new Refusal(failsAs(request, ErrorCode.MALFORMED_REQUEST), 400, "请求体缺失或不是有效的 JSON"));
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class,
            MissingRequestHeaderException.class})
    ResponseEntity<Object> badParameter() {
        return ErrorBodies.envelope(ErrorCode.VALIDATION_FAILED, "路径或查询参数缺失或格式错误");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Object> method() {
        return ErrorBodies.envelope(ErrorCode.METHOD_NOT_ALLOWED, "该接口不支持此请求方法");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Object> mediaType(HttpServletRequest request) {
        ErrorCode code = failsAs(request, ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        return ErrorBodies.envelope(new Refusal(code, code == ErrorCode.UNSUPPORTED_MEDIA_TYPE ? 415 : 400,
                "请使用 Content-Type: application/json"));
    }

    /**
     * The reference gives each back-office endpoint one error code, a bad body included: the login's,
     * the user reads', or the operations'. Outside /admin/* the suite's generic code stays.
     */
    private static ErrorCode failsAs(HttpServletRequest request, ErrorCode elsewhere) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/admin/auth/login")) {
            return ErrorCode.ADMIN_LOGIN_FAILED;
        }
        boolean userRead = "GET".equals(request.getMethod())
                && (path.startsWith("/admin/users") || path.startsWith("/admin/admins"));
        if (userRead) {
            return ErrorCode.ADMIN_USERS_FAILED;
        }
        return path.startsWith("/admin/") ? ErrorCode.ADMIN_OPERATION_FAILED : elsewhere;
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Object> notAcceptable() {
        ResponseEntity<Object> answer = ErrorBodies.envelope(ErrorCode.VALIDATION_FAILED, "该接口只返回 application/json");
        return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).headers(answer.getHeaders()).body(answer.getBody());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Object> notFound() {
        return ErrorBodies.envelope(ErrorCode.NOT_FOUND, "接口不存在");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(HttpServletRequest request, Exception e) {
        log.error("Unexpected failure of {} {}", request.getMethod(), request.getRequestURI(), e);
        return ErrorBodies.envelope(ErrorCode.INTERNAL_ERROR, "服务器内部错误");
    }
}
