package io.passportsuite.passport.api.chat;

import org.springframework.stereotype.Component;

import io.passportsuite.common.web.Surface;
import io.passportsuite.passport.web.PlainProblems;

/** The chat surface's errors: plain JSON in English, as the chat reference shows them. */
@Component
class ChatProblems extends PlainProblems {

    ChatProblems() {
        super(Surface.CHAT);
    }
}
