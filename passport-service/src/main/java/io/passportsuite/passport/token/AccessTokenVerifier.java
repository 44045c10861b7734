package io.passportsuite.passport.token;

import static io.passportsuite.common.token.AccessTokenCheck.Reason.BAD_SIGNATURE;
import static io.passportsuite.common.token.AccessTokenCheck.Reason.MALFORMED;
import static io.passportsuite.common.token.AccessTokenCheck.Reason.UNKNOWN_KEY;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.SignedJWT;

import io.passportsuite.common.token.AccessTokenCheck;
import io.passportsuite.common.token.AccessTokenCheck.Reason;
import io.passportsuite.common.token.AccessTokenFormat;
import io.passportsuite.common.token.AccessTokenRules;

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
        Optional<Header> header = AccessTokenFormat.header(token);
        if (header.isEmpty()) {
            return invalid(MALFORMED);
        }
        Optional<Reason> refused = AccessTokenRules.refusedHeader(header.get());
        if (refused.isPresent()) {
            return invalid(refused.get());
        }
        Instant now = clock.instant();
        JWSVerifier key = ring.verifierAt(((JWSHeader) header.get()).getKeyID(), now); // the rules pass JWS headers only
        if (key == null) {
            return invalid(UNKNOWN_KEY);
        }
        Optional<SignedJWT> signed = signedBy(key, token);
        if (signed.isEmpty()) {
            return invalid(BAD_SIGNATURE);
        }
        return rules.checkClaims(signed.get().getJWTClaimsSet(), now);
    }

    /** The whole token, once its signature matches; Nimbus refuses an empty signature outright. */
    private static Optional<SignedJWT> signedBy(JWSVerifier key, String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            return jwt.verify(key) ? Optional.of(jwt) : Optional.empty();
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }

    private static AccessTokenCheck invalid(Reason reason) {
        return new AccessTokenCheck.Invalid(reason);
    }
}
