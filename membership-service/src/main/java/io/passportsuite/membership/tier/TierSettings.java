package io.passportsuite.membership.tier;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param templateAppId the app whose tiers an app without tiers of its own uses (the seed set
 *        lives there), so a new app has working tiers before any operator defines its own
 */
@ConfigurationProperties("passport.membership.tiers")
public record TierSettings(@DefaultValue("default") String templateAppId) {
}
