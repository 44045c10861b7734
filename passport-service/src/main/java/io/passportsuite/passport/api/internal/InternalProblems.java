package io.passportsuite.passport.api.internal;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import io.passportsuite.common.web.Surface;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.web.PlainProblems;
import io.passportsuite.passport.web.ProblemResponder;

/** The internal API's errors: plain JSON in English, for the suite's own services. */
@Component
class InternalProblems implements ProblemResponder {

    private final PlainProblems plain = new PlainProblems(Surface.INTERNAL);

    @Override
    public Surface surface() {
        return Surface.INTERNAL;
    }

    @Override
    public ResponseEntity<Object> failure(Problem problem) {
        return plain.failure(problem);
    }
}
