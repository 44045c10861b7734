package io.passportsuite.passport.token;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.passportsuite.common.token.AccessTokenFormat;

/** Signs access tokens with the key that signs now; no database access. */
final class AccessTokenIssuer {

    private final SigningKeyRing ring;
    private final TokenProperties properties;
    private final Clock clock;

    AccessTokenIssuer(SigningKeyRing ring, TokenProperties properties, Clock clock) {
        this.ring = ring;
        this.properties = properties;
        this.clock = clock;
    }

    IssuedAccessToken issue(AccessTokenRequest request) {
        // A longer token could outlive the publication of the key that signed it.
        if (request.lifetime().isNegative() || request.lifetime().isZero()
                || request.lifetime().compareTo(properties.maxTokenLifetime()) > 0) {
            throw new IllegalArgumentException("An access token lifetime must be positive and at most "
                    + properties.maxTokenLifetime() + ", was " + request.lifetime());
        }
        Instant now = clock.instant();
        SigningKeyRing.Entry key = ring.signingAt(now)
                .orElseThrow(() -> new IllegalStateException("No signing key is active; the key set has not been loaded"));
        Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(request.lifetime()).truncatedTo(ChronoUnit.SECONDS);
        String tokenId = UUID.randomUUID().toString();

        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.key().kid())
                .type(AccessTokenFormat.TYPE)
                .build();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .subject(request.userId().toString())
                .audience(request.appId())
                .claim(AccessTokenFormat.APP_ID, request.appId())
                .claim(AccessTokenFormat.ROLE, request.role())
                .claim(AccessTokenFormat.SESSION_ID, request.sessionId().toString())
                .jwtID(tokenId)
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt));
        // Absent rather than empty: a token of a user without capabilities looks as it always did.
        if (!request.capabilities().isEmpty()) {
            claims.claim(AccessTokenFormat.CAPABILITIES, request.capabilities());
        }
        SignedJWT jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing with key " + key.key().kid() + " failed", e);
        }
        return new IssuedAccessToken(jwt.serialize(), tokenId, issuedAt, expiresAt);
    }
}
