package io.passportsuite.passport.token;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access tokens and their signing keys.
 *
 * @param issuer the {@code iss} of every token, checked on verification
 * @param publicBaseUrl where clients reach the suite; the discovery document points there
 * @param keyEncryptionKey base64 of 32 bytes that seal the private signing keys in the database
 *        ({@code PASSPORT_KEY_ENCRYPTION_KEY})
 * @param rotationEnabled whether this process rotates and reloads the keys in the background;
 *        off only in tests that drive both by hand, since a replica with it off never learns of
 *        keys other replicas create
 * @param rotationPeriod how long a key signs before a successor takes over
 * @param publishAhead how long a successor is published before it signs, so that verifiers which
 *        cached the JWKS know it when the first token signed with it arrives
 * @param maxTokenLifetime the longest lifetime a token may be issued with; a retired key stays
 *        published that long (plus the clock skew) after it stopped signing
 * @param clockSkew tolerance on {@code exp} and {@code nbf}
 * @param keyRefreshInterval how often every replica reloads the key set and tries to rotate
 * @param nativeSigning whether access tokens are signed through AWS-LC where it loads (linux-x86_64),
 *        about 3.5 times less processor time per token than the JDK's RSA; off, the JDK signs
 */
@ConfigurationProperties("passport.tokens")
record TokenProperties(
        @DefaultValue("passport-suite") String issuer,
        @DefaultValue("http://127.0.0.1:8080") String publicBaseUrl,
        String keyEncryptionKey,
        @DefaultValue("true") boolean rotationEnabled,
        @DefaultValue("30d") Duration rotationPeriod,
        @DefaultValue("1h") Duration publishAhead,
        @DefaultValue("24h") Duration maxTokenLifetime,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("60s") Duration keyRefreshInterval,
        @DefaultValue("true") boolean nativeSigning) {

    TokenProperties {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("passport.tokens.issuer (PASSPORT_ISSUER) must not be blank");
        }
        requirePositive("rotation-period", rotationPeriod);
        requirePositive("max-token-lifetime", maxTokenLifetime);
        requirePositive("key-refresh-interval", keyRefreshInterval);
        if (publishAhead.isNegative() || clockSkew.isNegative()) {
            throw new IllegalArgumentException("passport.tokens.publish-ahead and clock-skew must not be negative");
        }
    }

    /** How long after a key stops signing its last tokens may still be presented. */
    Duration retiredKeyOverlap() {
        return maxTokenLifetime.plus(clockSkew);
    }

    /** Never prints the key-encryption key, e.g. when the properties end up in a log line. */
    @Override
    public String toString() {
        return "TokenProperties[issuer=" + issuer + ", publicBaseUrl=" + publicBaseUrl
                + ", keyEncryptionKey=" + (keyEncryptionKey == null || keyEncryptionKey.isBlank() ? "<unset>" : "<set>")
                + ", rotationEnabled=" + rotationEnabled + ", rotationPeriod=" + rotationPeriod
                + ", publishAhead=" + publishAhead + ", maxTokenLifetime=" + maxTokenLifetime
                + ", clockSkew=" + clockSkew + ", keyRefreshInterval=" + keyRefreshInterval
                + ", nativeSigning=" + nativeSigning + "]";
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("passport.tokens." + name + " must be positive");
        }
    }
}
