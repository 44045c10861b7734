package io.passportsuite.passport.code;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param lifetime how long a code is valid (5 to 15 minutes)
 * @param resendCooldown minimum time between two codes to one destination for one purpose
 * @param maxPerDestinationPerHour codes one address or number may receive in an hour
 * @param maxPerIpPerHour codes one client address may request in an hour
 * @param maxAttempts wrong guesses after which a code is dead
 * @param testMode true when no delivery channel is configured: codes are shown to the caller
 *                 (206 TEST_MODE_ONLY) instead of being delivered; refused in production
 * @param retention how long a code is kept after it expired (it holds the contact and the
 *                  client address); must cover the hour the send caps look back on
 * @param purgeInterval pause between purges of codes past their retention
 */
@ConfigurationProperties("passport.codes")
public record CodeSettings(
        @DefaultValue("10m") Duration lifetime,
        @DefaultValue("60s") Duration resendCooldown,
        @DefaultValue("5") int maxPerDestinationPerHour,
        @DefaultValue("30") int maxPerIpPerHour,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("false") boolean testMode,
        @DefaultValue("7d") Duration retention,
        @DefaultValue("1h") Duration purgeInterval) {

    public CodeSettings {
        if (lifetime.compareTo(Duration.ofMinutes(5)) < 0 || lifetime.compareTo(Duration.ofMinutes(15)) > 0) {
            throw new IllegalArgumentException("passport.codes.lifetime must be 5-15 minutes");
        }
        if (maxAttempts < 1 || maxPerDestinationPerHour < 1 || maxPerIpPerHour < 1) {
            throw new IllegalArgumentException("passport.codes limits must be positive");
        }
        if (retention.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("passport.codes.retention must be at least 1h: the send caps count the last hour's codes");
        }
    }
}
