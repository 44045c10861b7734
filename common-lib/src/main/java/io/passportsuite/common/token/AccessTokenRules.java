package io.passportsuite.common.token;

import static io.passportsuite.common.token.AccessTokenCheck.Reason.EXPIRED;
import static io.passportsuite.common.token.AccessTokenCheck.Reason.MALFORMED;
import static io.passportsuite.common.token.AccessTokenCheck.Reason.MISSING_CLAIMS;
import static io.passportsuite.common.token.AccessTokenCheck.Reason.NOT_YET_VALID;
import static io.passportsuite.common.token.AccessTokenCheck.Reason.UNKNOWN_KEY;
import static io.passportsuite.common.token.AccessTokenCheck.Reason.UNSUPPORTED_ALGORITHM;
import static io.passportsuite.common.token.AccessTokenCheck.Reason.WRONG_ISSUER;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;

import io.passportsuite.common.token.AccessTokenCheck.Reason;

/**
 * What makes a parsed access token acceptable, apart from its key and signature: the header rules,
 * decided before any key is chosen, and the claim rules, once the signature has matched.
 */
public final class AccessTokenRules {

    private final String issuer;
    private final Duration clockSkew;

    public AccessTokenRules(String issuer, Duration clockSkew) {
        this.issuer = issuer;
        this.clockSkew = clockSkew;
    }

    /**
     * The first look at a token: well-formed, its header acceptable, and the {@code kid} of the
     * key to check its signature with. Nothing is looked up, nothing is verified yet.
     */
    public static HeaderCheck checkHeader(String token) {
        Optional<Header> header = AccessTokenFormat.header(token);
        if (header.isEmpty()) {
            return new HeaderCheck.Refused(MALFORMED);
        }
        return refusedHeader(header.get())
                .<HeaderCheck>map(HeaderCheck.Refused::new)
                // The rules pass JWS headers only.
                .orElseGet(() -> new HeaderCheck.Accepted(((JWSHeader) header.get()).getKeyID()));
    }

    /**
     * Why the header is refused; empty when the token may go on to the key its {@code kid} names,
     * which makes it a {@link JWSHeader} (a {@code PlainHeader}, {@code alg: none}, is refused).
     */
    public static Optional<Reason> refusedHeader(Header header) {
        if (!(header instanceof JWSHeader jws) || !AccessTokenFormat.ALGORITHMS.contains(jws.getAlgorithm())) {
            return Optional.of(UNSUPPORTED_ALGORITHM);
        }
        if (jws.getCriticalParams() != null || !acceptedType(jws.getType())) {
            return Optional.of(MALFORMED);
        }
        if (AccessTokenFormat.TOKEN_SUPPLIED_KEYS.stream().anyMatch(jws.getIncludedParams()::contains)
                || jws.getKeyID() == null) {
            return Optional.of(UNKNOWN_KEY);
        }
        return Optional.empty();
    }

    /** The claims of a token whose signature matched, checked at {@code now}. */
    public AccessTokenCheck checkClaims(JWTClaimsSet claims, Instant now) {
        if (!issuer.equals(claims.getIssuer())) {
            return new AccessTokenCheck.Invalid(WRONG_ISSUER);
        }
        String appId = stringClaim(claims, AccessTokenFormat.APP_ID);
        List<String> audience = claims.getAudience();
        UUID userId = uuid(claims.getSubject());
        UUID sessionId = uuid(stringClaim(claims, AccessTokenFormat.SESSION_ID));
        Integer role = intClaim(claims.getClaim(AccessTokenFormat.ROLE));
        String tokenId = claims.getJWTID();
        Date issuedAt = claims.getIssueTime();
        Date expiresAt = claims.getExpirationTime();
        List<String> capabilities = capabilities(claims.getClaim(AccessTokenFormat.CAPABILITIES));
        if (appId == null || appId.isBlank() || !audience.contains(appId) || userId == null || sessionId == null
                || role == null || tokenId == null || tokenId.isBlank() || issuedAt == null || expiresAt == null
                || capabilities == null) {
            return new AccessTokenCheck.Invalid(MISSING_CLAIMS);
        }
        AccessTokenClaims valid = new AccessTokenClaims(appId, userId, role, sessionId, tokenId,
                issuedAt.toInstant(), expiresAt.toInstant(), capabilities);
        if (!unexpired(valid, now)) {
            return new AccessTokenCheck.Invalid(EXPIRED);
        }
        Date notBefore = claims.getNotBeforeTime() != null ? claims.getNotBeforeTime() : issuedAt;
        if (now.isBefore(notBefore.toInstant().minus(clockSkew))) {
            return new AccessTokenCheck.Invalid(NOT_YET_VALID);
        }
        return new AccessTokenCheck.Valid(valid);
    }

    /** Whether claims that passed are still within their lifetime at {@code now}, allowing for clock skew. */
    public boolean unexpired(AccessTokenClaims claims, Instant now) {
        return now.isBefore(claims.expiresAt().plus(clockSkew));
    }

    /** The {@code caps} claim: absent is none; anything but a list of strings is a malformed token (null). */
    private static List<String> capabilities(Object claim) {
        if (claim == null) {
            return List.of();
        }
        if (!(claim instanceof List<?> values) || !values.stream().allMatch(String.class::isInstance)) {
            return null;
        }
        return values.stream().map(String.class::cast).toList();
    }

    private static boolean acceptedType(JOSEObjectType type) {
        return type != null && AccessTokenFormat.ACCEPTED_TYPES.contains(type.getType().toLowerCase(Locale.ROOT));
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String value ? value : null;
    }

    /** JSON numbers arrive as Long or Double: only a whole number within int range is a role. */
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
}
