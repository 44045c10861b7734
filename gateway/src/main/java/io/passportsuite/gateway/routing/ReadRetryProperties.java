package io.passportsuite.gateway.routing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How {@link ReadRetry} sends a GET or HEAD again.
 *
 * @param retries      attempts after the first; 0 turns retrying off
 * @param firstBackoff wait before the first retry, doubled for each next one
 * @param maxBackoff   longest wait between two attempts
 */
@ConfigurationProperties("passport.gateway.read-retry")
record ReadRetryProperties(@DefaultValue("2") int retries, @DefaultValue("50ms") Duration firstBackoff,
        @DefaultValue("500ms") Duration maxBackoff) {

    ReadRetryProperties {
        if (retries < 0) {
            throw new IllegalArgumentException("passport.gateway.read-retry.retries must not be negative");
        }
        if (firstBackoff == null || firstBackoff.isNegative() || firstBackoff.isZero()
                || maxBackoff == null || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException(
                    "passport.gateway.read-retry: first-backoff must be positive and max-backoff at least as long");
        }
    }
}
