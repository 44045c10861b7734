package io.passportsuite.passport.github;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long passport waits for GitHub, and how long a web flow's {@code state} lives. A login
 * makes up to three GitHub calls, each bounded by the timeouts; {@code loginDeadline} bounds them
 * together, so a GitHub answering each call slowly, just within its timeout, cannot hold a
 * request thread for the sum.
 */
@ConfigurationProperties("passport.github")
public record GithubSettings(
        @DefaultValue("3s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout,
        @DefaultValue("10m") Duration stateTtl,
        @DefaultValue("8s") Duration loginDeadline) {
}
