package io.passportsuite.membership.invite;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param defaultLifetime how long an invite created without an expiry stays valid
 * @param maxLifetime the furthest expiry an invite may have
 * @param maxUses the most uses one invite may have
 */
@ConfigurationProperties("passport.membership.invites")
public record InviteSettings(
        @DefaultValue("30d") Duration defaultLifetime,
        @DefaultValue("365d") Duration maxLifetime,
        @DefaultValue("10000") int maxUses) {
}
