package io.passportsuite.passport.api.canonical;

import org.springframework.stereotype.Component;

import io.passportsuite.common.web.Surface;
import io.passportsuite.passport.web.PlainProblems;

/** The canonical API's errors: plain JSON in English, as the AtSeeker reference shows them. */
@Component
class CanonicalProblems extends PlainProblems {

    CanonicalProblems() {
        super(Surface.CANONICAL);
    }
}
