package io.passportsuite.gateway.routing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The request body bounds of every route that does not set its own in its metadata
 * ({@code max-request-body-size}, {@code request-body-timeout}), as the asset route does for uploads.
 *
 * @param maxSize largest body in bytes; the JSON APIs' largest (a profile edit, a sign-up) is a few hundred
 * @param timeout how long the whole body may take to arrive, from its first byte read to its last
 */
@ConfigurationProperties("passport.gateway.request-body")
record RequestBodyProperties(@DefaultValue("65536") long maxSize, @DefaultValue("30s") Duration timeout) {

    RequestBodyProperties {
        if (maxSize < 1) {
            throw new IllegalArgumentException("passport.gateway.request-body.max-size must be positive");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("passport.gateway.request-body.timeout must be positive");
        }
    }
}
