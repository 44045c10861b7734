package io.passportsuite.passport.session;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param refreshGrace how long after a rotation the rotated refresh token still returns the same
 *                     successor, for a client whose first answer got lost; past it, a reuse
 *                     revokes the session
 */
@ConfigurationProperties("passport.sessions")
public record SessionSettings(@DefaultValue("10s") Duration refreshGrace) {
}
