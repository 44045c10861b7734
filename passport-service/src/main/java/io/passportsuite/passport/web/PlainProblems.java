package io.passportsuite.passport.web;

import org.springframework.http.ResponseEntity;

import io.passportsuite.common.error.PlainError;
import io.passportsuite.common.web.Surface;
import io.passportsuite.passport.outcome.Problem;

/**
 * {@code {"error": CODE, "message": English}}: the format of the canonical, chat and internal
 * surfaces, and of paths that belong to no surface.
 */
public record PlainProblems(Surface surface) implements ProblemResponder {

    @Override
    public ResponseEntity<Object> failure(Problem problem) {
        return ProblemResponder.respond(problem, PlainError.of(ProblemStatus.codeOf(problem.kind()), problem.message()));
    }
}
