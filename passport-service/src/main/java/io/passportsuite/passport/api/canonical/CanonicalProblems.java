package io.passportsuite.passport.api.canonical;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import io.passportsuite.common.web.Surface;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.web.PlainProblems;
import io.passportsuite.passport.web.ProblemResponder;

/** The canonical API's errors: plain JSON in English, as the AtSeeker reference shows them. */
@Component
class CanonicalProblems implements ProblemResponder {

    private final PlainProblems plain = new PlainProblems(Surface.CANONICAL);

    @Override
    public Surface surface() {
        return Surface.CANONICAL;
    }

    @Override
    public ResponseEntity<Object> failure(Problem problem) {
        return plain.failure(problem);
    }
}
