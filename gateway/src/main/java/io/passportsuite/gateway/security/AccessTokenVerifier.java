package io.passportsuite.gateway.security;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;

import reactor.core.publisher.Mono;

/**
 * Checks passport's access tokens against its published keys. The header is read by hand, not by
 * a JOSE parser, so that the RS256-only allowlist and the refusal of token-supplied keys
 * ({@code jku}, {@code x5u}, {@code jwk}, {@code x5c}) are decided here, before any key is chosen.
 *
 * <p>A client sends the same token with every request for its whole lifetime, so tokens that
 * passed are remembered: the next request with the same token skips the signature check and the
 * parsing (about a third of the gateway's work per request) as long as the key that verified it
 * is still the one passport publishes and the token has not expired. Revocation is checked by
 * the caller on every request, cached or not.
 */
final class AccessTokenVerifier {

    private static final int MAX_TOKEN_LENGTH = 8 * 1024;
    private static final List<String> EMBEDDED_KEY_HEADERS = List.of("jwk", "jku", "x5u", "x5c");
    private static final Set<String> ACCEPTED_TYPES = Set.of("at+jwt", "application/at+jwt", "jwt");
    private static final JWSHeader RS256 = new JWSHeader(JWSAlgorithm.RS256);
    private static final int REMEMBERED_TOKENS = 20_000;
    private static final Duration REMEMBER_FOR = Duration.ofMinutes(5);

    /** A token that passed, with the key that verified it. */
    private record Passed(String kid, JWSVerifier key, VerifiedUser user) {
    }

    private final JwksKeys keys;
    private final String issuer;
    private final Duration clockSkew;
    private final Clock clock;
    private final Cache<String, Passed> passed = Caffeine.newBuilder()
            .maximumSize(REMEMBERED_TOKENS)
            .expireAfterWrite(REMEMBER_FOR)
            .build();

    AccessTokenVerifier(JwksKeys keys, String issuer, Duration clockSkew, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    Mono<TokenCheck> verify(String token) {
        if (token != null && token.length() <= MAX_TOKEN_LENGTH) {
            Passed earlier = passed.getIfPresent(token);
            if (earlier != null) {
                if (keys.isCurrent(earlier.kid(), earlier.key()) && notExpired(earlier.user(), clock.instant())) {
                    return Mono.just(new TokenCheck.Valid(earlier.user()));
                }
                passed.invalidate(token);
            }
        }
        String[] parts = split(token);
        if (parts == null) {
            return invalid("malformed");
        }
        Map<String, Object> header = json(parts[0]);
        if (header == null || !(header.get("alg") instanceof String algorithm)) {
            return invalid("malformed header");
        }
        if (!JWSAlgorithm.RS256.getName().equals(algorithm)) {
            return invalid("algorithm " + algorithm + " is not allowed");
        }
        if (header.containsKey("crit") || !(header.get("typ") instanceof String type)
                || !ACCEPTED_TYPES.contains(type.toLowerCase(Locale.ROOT))) {
            return invalid("unexpected header");
        }
        if (EMBEDDED_KEY_HEADERS.stream().anyMatch(header::containsKey) || !(header.get("kid") instanceof String kid)) {
            return invalid("no kid or a token-supplied key");
        }
        return keys.verifierFor(kid).map(verifier -> verifier
                .map(found -> remembered(token, kid, found, checkSigned(found, token, parts)))
                .orElseGet(() -> new TokenCheck.Invalid("unknown kid")))
                .onErrorReturn(new TokenCheck.Invalid("keys unavailable"));
    }

    private TokenCheck remembered(String token, String kid, JWSVerifier key, TokenCheck check) {
        if (check instanceof TokenCheck.Valid(VerifiedUser user)) {
            passed.put(token, new Passed(kid, key, user));
        }
        return check;
    }

    private TokenCheck checkSigned(JWSVerifier verifier, String token, String[] parts) {
        try {
            byte[] signingInput = token.substring(0, parts[0].length() + 1 + parts[1].length()).getBytes(StandardCharsets.US_ASCII);
            if (parts[2].isEmpty() || !verifier.verify(RS256, signingInput, new Base64URL(parts[2]))) {
                return new TokenCheck.Invalid("bad signature");
            }
            Map<String, Object> payload = json(parts[1]);
            return payload == null ? new TokenCheck.Invalid("malformed claims") : checkClaims(JWTClaimsSet.parse(payload));
        } catch (JOSEException | ParseException | RuntimeException e) {
            return new TokenCheck.Invalid("unreadable: " + e.getClass().getSimpleName());
        }
    }

    private TokenCheck checkClaims(JWTClaimsSet claims) {
        if (!issuer.equals(claims.getIssuer())) {
            return new TokenCheck.Invalid("wrong issuer");
        }
        String appId = claims.getClaim("app_id") instanceof String value ? value : null;
        String sessionId = claims.getClaim("sid") instanceof String value && isUuid(value) ? value : null;
        String userId = isUuid(claims.getSubject()) ? claims.getSubject() : null;
        Integer role = claims.getClaim("role") instanceof Number number && number.intValue() == number.doubleValue()
                ? number.intValue() : null;
        Date expiresAt = claims.getExpirationTime();
        if (appId == null || appId.isBlank() || claims.getAudience() == null || !claims.getAudience().contains(appId)
                || userId == null || sessionId == null || role == null || expiresAt == null) {
            return new TokenCheck.Invalid("missing claims");
        }
        Instant now = clock.instant();
        if (!now.isBefore(expiresAt.toInstant().plus(clockSkew))) {
            return new TokenCheck.Invalid("expired");
        }
        Date notBefore = claims.getNotBeforeTime() != null ? claims.getNotBeforeTime() : claims.getIssueTime();
        if (notBefore != null && now.isBefore(notBefore.toInstant().minus(clockSkew))) {
            return new TokenCheck.Invalid("not yet valid");
        }
        return new TokenCheck.Valid(new VerifiedUser(userId, role, appId, sessionId, expiresAt.toInstant()));
    }

    private boolean notExpired(VerifiedUser user, Instant now) {
        return now.isBefore(user.expiresAt().plus(clockSkew));
    }

    /** Three non-empty-header base64url parts of the unpadded alphabet, or null. */
    private static String[] split(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return null;
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return null;
        }
        for (String part : parts) {
            if (part.length() % 4 == 1 || !part.chars().allMatch(AccessTokenVerifier::isBase64UrlChar)) {
                return null;
            }
        }
        return parts;
    }

    private static boolean isBase64UrlChar(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    private static Map<String, Object> json(String base64Url) {
        try {
            return JSONObjectUtils.parse(new String(Base64.getUrlDecoder().decode(base64Url), StandardCharsets.UTF_8));
        } catch (ParseException | IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isUuid(String value) {
        if (value == null) {
            return false;
        }
        try {
            UUID.fromString(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Mono<TokenCheck> invalid(String reason) {
        return Mono.just(new TokenCheck.Invalid(reason));
    }
}
