package io.passportsuite.passport.token;

import static io.passportsuite.common.token.AccessTokenCheck.Reason.BAD_SIGNATURE;
import static io.passportsuite.common.token.AccessTokenCheck.Reason.MALFORMED;
import static io.passportsuite.common.token.AccessTokenCheck.Reason.UNKNOWN_KEY;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.SignedJWT;

import io.passportsuite.common.token.AccessTokenCheck;
import io.passportsuite.common.token.AccessTokenCheck.Reason;
import io.passportsuite.common.token.AccessTokenFormat;
import io.passportsuite.common.token.AccessTokenRules;
import io.passportsuite.common.token.HeaderCheck;

/** Checks access tokens against the in-memory key ring: no database, no network. */
final class AccessTokenVerifier {

    private final SigningKeyRing ring;
    private final AccessTokenRules rules;
    private final Clock clock;

    AccessTokenVerifier(SigningKeyRing ring, TokenProperties properties, Clock clock) {
        this.ring = ring;
        this.rules = new AccessTokenRules(properties.issuer(), properties.clockSkew());
        this.clock = clock;
    }

    AccessTokenCheck verify(String token) {
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
        return rules.checkClaims(signed.get().getJWTClaimsSet(), now);
    }

    private static AccessTokenCheck invalid(Reason reason) {
        return new AccessTokenCheck.Invalid(reason);
    }
}
