package io.passportsuite.admin.api.envelope;

import java.util.UUID;

import io.passportsuite.admin.web.Refusal;
import io.passportsuite.common.error.ErrorCode;

/** Path ids: one that is no UUID names nothing, a 404 as an unknown one is. */
final class Ids {

    private Ids() {
    }

    static UUID user(String text, ErrorCode failsAs) {
        return of(text, failsAs, PassportRefusals.NO_SUCH_USER);
    }

    static UUID session(String text, ErrorCode failsAs) {
        return of(text, failsAs, PassportRefusals.NO_SUCH_SESSION);
    }

    private static UUID of(String text, ErrorCode failsAs, String missing) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new Refusal(failsAs, 404, missing);
        }
    }
}
