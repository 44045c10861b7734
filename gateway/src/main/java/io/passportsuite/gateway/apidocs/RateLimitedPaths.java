package io.passportsuite.gateway.apidocs;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The paths the rate-limit filter counts ({@code passport.gateway.rate-limits.rules}): their operations may answer 429. */
@ConfigurationProperties("passport.gateway.rate-limits")
record RateLimitedPaths(@DefaultValue List<Limit> rules) {

    record Limit(@DefaultValue List<String> paths) {
    }
}
