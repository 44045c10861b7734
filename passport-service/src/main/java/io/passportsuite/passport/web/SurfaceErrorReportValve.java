package io.passportsuite.passport.web;

import java.io.IOException;
import java.io.OutputStream;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import io.passportsuite.common.error.ErrorCode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat refuses some requests before any servlet sees them: a path with an encoded NUL
 * ({@code %00}) or bytes that are not UTF-8 (an encoded lone surrogate). Tomcat answers those
 * with its own HTML page; this valve answers them in the surface's JSON format instead, with
 * the same status.
 */
public class SurfaceErrorReportValve extends ErrorReportValve {

    private static final JsonMapper json = new JsonMapper();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        String path = request.getRequestURI();
        if (status < 400 || response.getContentWritten() > 0 || path == null || Surface.of(path) == Surface.OTHER) {
            super.report(request, response, throwable);
            return;
        }
        HttpStatus httpStatus = HttpStatus.resolve(status);
        ErrorCode code = switch (status) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> status < 500 ? ErrorCode.MALFORMED_REQUEST : ErrorCode.INTERNAL_ERROR;
        };
        ResponseEntity<Object> error = ErrorResponses.of(path, httpStatus == null ? HttpStatus.BAD_REQUEST : httpStatus, code,
                status < 500 ? "the request line or path is malformed" : "internal error");
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            OutputStream out = response.getOutputStream();
            json.writeValue(out, error.getBody());
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response was already claimed: nothing more to tell it.
        }
    }
}
