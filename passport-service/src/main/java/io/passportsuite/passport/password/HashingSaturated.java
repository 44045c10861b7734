package io.passportsuite.passport.password;

import java.time.Duration;

/**
 * Every hash slot is busy and the request could not get one within {@link HashingLimits}: the
 * caller is told to come back later instead of waiting without bound.
 */
public final class HashingSaturated extends RuntimeException {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    HashingSaturated(String message) {
        super(message, null, false, false);
    }

    public Duration retryAfter() {
        return RETRY_AFTER;
    }
}
