package io.passportsuite.passport.token;

import static io.passportsuite.passport.token.TokenCheck.Reason.BAD_SIGNATURE;
import static io.passportsuite.passport.token.TokenCheck.Reason.EXPIRED;
import static io.passportsuite.passport.token.TokenCheck.Reason.MALFORMED;
import static io.passportsuite.passport.token.TokenCheck.Reason.MISSING_CLAIMS;
import static io.passportsuite.passport.token.TokenCheck.Reason.NOT_YET_VALID;
import static io.passportsuite.passport.token.TokenCheck.Reason.UNKNOWN_KEY;
import static io.passportsuite.passport.token.TokenCheck.Reason.UNSUPPORTED_ALGORITHM;
import static io.passportsuite.passport.token.TokenCheck.Reason.WRONG_ISSUER;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;

/**
 * Checks access tokens against the in-memory key ring: no database, no network. The header is
 * read by hand rather than by a JOSE parser so that the algorithm allowlist and the refusal of
 * token-supplied keys are decided here, before any key is chosen.
 */
final class AccessTokenVerifier {

    /** Headers that carry or point at a key; the only keys trusted are those published by this service. */
    private static final List<String> EMBEDDED_KEY_HEADERS = List.of("jwk", "jku", "x5u", "x5c");
    /** The header handed to the RSA verifier once {@code alg} and {@code crit} have been checked here. */
    private static final JWSHeader RS256 = new JWSHeader(JWSAlgorithm.RS256);

    private final SigningKeyRing ring;
    private final TokenProperties properties;
    private final Clock clock;

    AccessTokenVerifier(SigningKeyRing ring, TokenProperties properties, Clock clock) {
        this.ring = ring;
        this.properties = properties;
        this.clock = clock;
    }

    TokenCheck verify(String token) {
        try {
            return check(token);
        } catch (RuntimeException unexpected) {
            // Whatever a crafted token trips over inside a parser, the caller gets an answer.
            return invalid(MALFORMED);
        }
    }

    private TokenCheck check(String token) {
        if (token == null || token.length() > AccessTokenFormat.MAX_TOKEN_LENGTH) {
            return invalid(MALFORMED);
        }
        int headerEnd = token.indexOf('.');
        int payloadEnd = headerEnd < 0 ? -1 : token.indexOf('.', headerEnd + 1);
        if (payloadEnd < 0 || token.indexOf('.', payloadEnd + 1) >= 0 || headerEnd == 0 || payloadEnd == headerEnd + 1
                || !isBase64Url(token, 0, headerEnd) || !isBase64Url(token, headerEnd + 1, payloadEnd)
                || !isBase64Url(token, payloadEnd + 1, token.length())) {
            return invalid(MALFORMED);
        }
        Map<String, Object> header = json(token.substring(0, headerEnd));
        if (header == null || !(header.get("alg") instanceof String algorithm)) {
            return invalid(MALFORMED);
        }
        if (!JWSAlgorithm.RS256.getName().equals(algorithm)) {
            return invalid(UNSUPPORTED_ALGORITHM);
        }
        if (header.containsKey("crit") || !acceptedType(header.get("typ"))) {
            return invalid(MALFORMED);
        }
        if (EMBEDDED_KEY_HEADERS.stream().anyMatch(header::containsKey) || !(header.get("kid") instanceof String kid)) {
            return invalid(UNKNOWN_KEY);
        }
        Instant now = clock.instant();
        JWSVerifier verifier = ring.verifierAt(kid, now);
        if (verifier == null) {
            return invalid(UNKNOWN_KEY);
        }
        if (!signatureMatches(verifier, token, payloadEnd)) {
            return invalid(BAD_SIGNATURE);
        }
        Map<String, Object> payload = json(token.substring(headerEnd + 1, payloadEnd));
        if (payload == null) {
            return invalid(MALFORMED);
        }
        try {
            return checkClaims(JWTClaimsSet.parse(payload), now);
        } catch (ParseException e) {
            return invalid(MALFORMED);
        }
    }

    private static boolean signatureMatches(JWSVerifier verifier, String token, int payloadEnd) {
        if (payloadEnd == token.length() - 1) {
            return false;
        }
        byte[] signingInput = token.substring(0, payloadEnd).getBytes(StandardCharsets.US_ASCII);
        try {
            return verifier.verify(RS256, signingInput, new Base64URL(token.substring(payloadEnd + 1)));
        } catch (JOSEException e) {
            return false;
        }
    }

    private TokenCheck checkClaims(JWTClaimsSet claims, Instant now) {
        if (!properties.issuer().equals(claims.getIssuer())) {
            return invalid(WRONG_ISSUER);
        }
        String appId = stringClaim(claims, AccessTokenFormat.APP_ID);
        List<String> audience = claims.getAudience();
        UUID userId = uuid(claims.getSubject());
        UUID sessionId = uuid(stringClaim(claims, AccessTokenFormat.SESSION_ID));
        Integer role = intClaim(claims.getClaim(AccessTokenFormat.ROLE));
        String tokenId = claims.getJWTID();
        Date issuedAt = claims.getIssueTime();
        Date expiresAt = claims.getExpirationTime();
        if (appId == null || appId.isBlank() || !audience.contains(appId) || userId == null || sessionId == null
                || role == null || tokenId == null || tokenId.isBlank() || issuedAt == null || expiresAt == null) {
            return invalid(MISSING_CLAIMS);
        }
        if (!now.isBefore(expiresAt.toInstant().plus(properties.clockSkew()))) {
            return invalid(EXPIRED);
        }
        Date notBefore = claims.getNotBeforeTime() != null ? claims.getNotBeforeTime() : issuedAt;
        if (now.isBefore(notBefore.toInstant().minus(properties.clockSkew()))) {
            return invalid(NOT_YET_VALID);
        }
        return new TokenCheck.Valid(new VerifiedAccessToken(appId, userId, role, sessionId, tokenId,
                issuedAt.toInstant(), expiresAt.toInstant()));
    }

    private static boolean acceptedType(Object type) {
        return type instanceof String value && AccessTokenFormat.ACCEPTED_TYPES.contains(value.toLowerCase(Locale.ROOT));
    }

    /** The unpadded base64url alphabet only: anything else is refused rather than skipped by a lenient decoder. */
    private static boolean isBase64Url(String token, int from, int to) {
        if ((to - from) % 4 == 1) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = token.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Object> json(String base64Url) {
        try {
            return JSONObjectUtils.parse(new String(Base64.getUrlDecoder().decode(base64Url), StandardCharsets.UTF_8));
        } catch (ParseException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String value ? value : null;
    }

    private static Integer intClaim(Object value) {
        if (value instanceof Integer integer) {
            return integer;
        }
        if (value instanceof Long number && number == number.intValue()) {
            return number.intValue();
        }
        return null;
    }

    private static UUID uuid(String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static TokenCheck invalid(TokenCheck.Reason reason) {
        return new TokenCheck.Invalid(reason);
    }
}
