package io.passportsuite.passport.web;

import java.io.IOException;
import java.io.OutputStream;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.ResponseEntity;

import io.passportsuite.common.web.Surface;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;
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
        Reason reason = switch (status) {
            case 404 -> Reason.NO_SUCH_ENDPOINT;
            case 405 -> Reason.METHOD_NOT_ALLOWED;
            case 413 -> Reason.BODY_TOO_LARGE;
            case 503 -> Reason.UNAVAILABLE;
            default -> status < 500 ? Reason.REQUEST_LINE_MALFORMED : Reason.INTERNAL;
        };
        // The body in the surface's format; the status stays Tomcat's (a 417 or a 505 says more than a 400 or a 500).
        ResponseEntity<Object> error = ProblemResponders.forValve(path).failureAt(path, Problem.of(reason));
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
