package io.passportsuite.passport.api.internal;

import org.springframework.stereotype.Component;

import io.passportsuite.common.web.Surface;
import io.passportsuite.passport.web.PlainProblems;

/** The internal API's errors: plain JSON in English, for the suite's own services. */
@Component
class InternalProblems extends PlainProblems {

    InternalProblems() {
        super(Surface.INTERNAL);
    }
}
