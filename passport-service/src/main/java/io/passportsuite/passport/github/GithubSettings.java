package io.passportsuite.passport.github;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long passport waits for GitHub, and how long a web flow's {@code state} lives. A login
 * waits for at most four GitHub calls, so the bounds keep a slow GitHub from holding request
 * threads for long.
 */
@ConfigurationProperties("passport.github")
public record GithubSettings(
        @DefaultValue("3s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout,
        @DefaultValue("10m") Duration stateTtl) {
}
