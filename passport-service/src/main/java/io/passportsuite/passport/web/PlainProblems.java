package io.passportsuite.passport.web;

import org.springframework.http.ResponseEntity;

import io.passportsuite.common.error.PlainError;
import io.passportsuite.common.web.Surface;
import io.passportsuite.passport.outcome.Problem;

/**
 * {@code {"error": CODE, "message": English}}: the format of the canonical, chat and internal
 * surfaces (each names itself by extending this), and of paths that belong to no surface.
 */
public class PlainProblems implements ProblemResponder {

    private final Surface surface;

    public PlainProblems(Surface surface) {
        this.surface = surface;
    }

    @Override
    public final Surface surface() {
        return surface;
    }

    @Override
    public final ResponseEntity<Object> failure(Problem problem) {
        return ProblemResponder.respond(problem, PlainError.of(ProblemStatus.codeOf(problem.kind()), problem.message()));
    }
}
