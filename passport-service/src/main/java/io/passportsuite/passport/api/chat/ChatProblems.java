package io.passportsuite.passport.api.chat;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import io.passportsuite.common.web.Surface;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.web.PlainProblems;
import io.passportsuite.passport.web.ProblemResponder;

/** The chat surface's errors: plain JSON in English, as the chat reference shows them. */
@Component
class ChatProblems implements ProblemResponder {

    private final PlainProblems plain = new PlainProblems(Surface.CHAT);

    @Override
    public Surface surface() {
        return Surface.CHAT;
    }

    @Override
    public ResponseEntity<Object> failure(Problem problem) {
        return plain.failure(problem);
    }
}
