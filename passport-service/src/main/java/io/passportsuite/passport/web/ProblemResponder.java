package io.passportsuite.passport.web;

import org.springframework.http.ResponseEntity;

import io.passportsuite.common.web.Surface;
import io.passportsuite.passport.outcome.Problem;

/**
 * Renders problems in one surface's error format and language. Each surface has one; the
 * controllers of a surface answer their failures through it, and the error advice, the filters
 * and Tomcat's error report find it by the path of requests no controller answered.
 */
public interface ProblemResponder {

    Surface surface();

    ResponseEntity<Object> failure(Problem problem);

    /**
     * For the plumbing that refuses a request before a controller was chosen (filters, Tomcat's
     * error report) and knows only its path.
     */
    default ResponseEntity<Object> failureAt(String path, Problem problem) {
        return failure(problem);
    }

    /** The status, code and {@code Retry-After} of a problem; {@code body} is the surface's rendering. */
    static ResponseEntity<Object> respond(Problem problem, Object body) {
        var response = ResponseEntity.status(ProblemStatus.statusOf(problem.kind()))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON);
        if (problem.retryAfter() != null) {
            response.header(org.springframework.http.HttpHeaders.RETRY_AFTER, String.valueOf(problem.retryAfter().toSeconds()));
        }
        return response.body(body);
    }
}
