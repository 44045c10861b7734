package io.passportsuite.membership.membership;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param interval how often ended memberships are looked for: an ended membership counts as
 *        expired when read at once, this only bounds how long passport's copy stays stale
 * @param batchSize memberships expired per transaction
 */
@ConfigurationProperties("passport.membership.expiry")
public record ExpirySettings(@DefaultValue("1m") Duration interval, @DefaultValue("500") int batchSize) {
}
