package io.passportsuite.passport.code;

import java.time.Duration;

/** Why no code was sent: too soon after the last one, or too many this hour. */
public record CodeRejected(Duration retryAfter) implements Issuing {
}
