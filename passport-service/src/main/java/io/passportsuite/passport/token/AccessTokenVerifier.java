package io.passportsuite.passport.token;

import static io.passportsuite.common.token.AccessTokenCheck.Reason.BAD_SIGNATURE;
import static io.passportsuite.common.token.AccessTokenCheck.Reason.MALFORMED;
import static io.passportsuite.common.token.AccessTokenCheck.Reason.UNKNOWN_KEY;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.SignedJWT;

import io.passportsuite.common.token.AccessTokenCheck;
import io.passportsuite.common.token.AccessTokenCheck.Reason;
import io.passportsuite.common.token.AccessTokenClaims;
import io.passportsuite.common.token.AccessTokenFormat;
import io.passportsuite.common.token.AccessTokenRules;
import io.passportsuite.common.token.HeaderCheck;

/**
 * Checks access tokens against the in-memory key ring: no database, no network.
 *
 * <p>A client sends the same token with each request for its whole lifetime, so a token that
 * passed is remembered, as the gateway does: the next check of it skips the parsing and the RSA
 * verification (most of a check's cost) while the key that verified it is still the ring's
 * published key of that {@code kid} and the token has not expired.
 */
final class AccessTokenVerifier {

    private static final int REMEMBERED_TOKENS = 10_000;
    private static final Duration REMEMBER_FOR = Duration.ofMinutes(5);

    /** A token that passed, with the key that verified it and when: a clock set back checks it again. */
    private record Passed(String kid, JWSVerifier key, AccessTokenClaims claims, Instant verifiedAt) {
    }

    private final SigningKeyRing ring;
    private final AccessTokenRules rules;
    private final Clock clock;
    private final Cache<String, Passed> passed = Caffeine.newBuilder()
            .maximumSize(REMEMBERED_TOKENS)
            .expireAfterWrite(REMEMBER_FOR)
            .build();

    AccessTokenVerifier(SigningKeyRing ring, TokenProperties properties, Clock clock) {
        this.ring = ring;
        this.rules = new AccessTokenRules(properties.issuer(), properties.clockSkew());
        this.clock = clock;
    }

    AccessTokenCheck verify(String token) {
        if (token != null && token.length() <= AccessTokenFormat.MAX_TOKEN_LENGTH) {
            Passed earlier = passed.getIfPresent(token);
            if (earlier != null) {
                Instant now = clock.instant();
                if (!now.isBefore(earlier.verifiedAt()) && ring.verifierAt(earlier.kid(), now) == earlier.key()
                        && rules.unexpired(earlier.claims(), now)) {
                    return new AccessTokenCheck.Valid(earlier.claims());
                }
                passed.invalidate(token);
            }
        }
        try {
            return check(token);
        } catch (ParseException | RuntimeException unreadable) {
            // Whatever a crafted token trips over inside a parser, the caller gets an answer.
            return invalid(MALFORMED);
        }
    }

    private AccessTokenCheck check(String token) throws ParseException {
        return switch (AccessTokenRules.checkHeader(token)) {
            case HeaderCheck.Refused(Reason reason) -> invalid(reason);
            case HeaderCheck.Accepted(String keyId) -> checkSigned(token, keyId);
        };
    }

    private AccessTokenCheck checkSigned(String token, String keyId) throws ParseException {
        Instant now = clock.instant();
        JWSVerifier key = ring.verifierAt(keyId, now);
        if (key == null) {
            return invalid(UNKNOWN_KEY);
        }
        Optional<SignedJWT> signed = AccessTokenFormat.verifiedWith(key, token);
        if (signed.isEmpty()) {
            return invalid(BAD_SIGNATURE);
        }
        AccessTokenCheck check = rules.checkClaims(signed.get().getJWTClaimsSet(), now);
        if (check instanceof AccessTokenCheck.Valid(AccessTokenClaims claims)) {
            passed.put(token, new Passed(keyId, key, claims, now));
        }
        return check;
    }

    private static AccessTokenCheck invalid(Reason reason) {
        return new AccessTokenCheck.Invalid(reason);
    }
}
