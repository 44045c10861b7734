package io.passportsuite.gateway.security;

import static io.passportsuite.common.token.AccessTokenCheck.Reason.BAD_SIGNATURE;
import static io.passportsuite.common.token.AccessTokenCheck.Reason.MALFORMED;
import static io.passportsuite.common.token.AccessTokenCheck.Reason.UNKNOWN_KEY;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.SignedJWT;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.passportsuite.common.token.AccessTokenCheck;
import io.passportsuite.common.token.AccessTokenCheck.Reason;
import io.passportsuite.common.token.AccessTokenClaims;
import io.passportsuite.common.token.AccessTokenFormat;
import io.passportsuite.common.token.AccessTokenRules;
import io.passportsuite.common.token.HeaderCheck;

import reactor.core.publisher.Mono;

/**
 * Checks passport's access tokens against its published keys.
 *
 * <p>A client sends the same token with every request for its whole lifetime, so tokens that
 * passed are remembered: the next request with the same token skips the signature check and the
 * parsing (about a third of the gateway's work per request) as long as the key that verified it
 * is still the one passport publishes and the token has not expired. Revocation is checked by
 * the caller on every request, cached or not.
 *
 * <p>Each check is timed ({@code passport.gateway.token.validation}, by outcome): a slow one (the
 * key set fetched from passport, a cold cache) holds every request with a token.
 */
final class AccessTokenVerifier {

    private static final int REMEMBERED_TOKENS = 20_000;
    private static final Duration REMEMBER_FOR = Duration.ofMinutes(5);

    /** A token that passed, with the key that verified it. */
    private record Passed(String kid, JWSVerifier key, AccessTokenClaims claims) {
    }

    private final JwksKeys keys;
    private final AccessTokenRules rules;
    private final Clock clock;
    private final Timer validTime;
    private final Timer invalidTime;
    private final Cache<String, Passed> passed = Caffeine.newBuilder()
            .maximumSize(REMEMBERED_TOKENS)
            .expireAfterWrite(REMEMBER_FOR)
            .build();

    AccessTokenVerifier(JwksKeys keys, String issuer, Duration clockSkew, Clock clock) {
        this(keys, issuer, clockSkew, clock, new SimpleMeterRegistry());
    }

    AccessTokenVerifier(JwksKeys keys, String issuer, Duration clockSkew, Clock clock, MeterRegistry meters) {
        this.keys = keys;
        this.rules = new AccessTokenRules(issuer, clockSkew);
        this.clock = clock;
        this.validTime = validationTimer(meters, "valid");
        this.invalidTime = validationTimer(meters, "invalid");
    }

    private static Timer validationTimer(MeterRegistry meters, String outcome) {
        return Timer.builder("passport.gateway.token.validation")
                .description("Time the gateway takes to check an access token")
                .tag("outcome", outcome)
                .register(meters);
    }

    Mono<AccessTokenCheck> verify(String token) {
        return Mono.defer(() -> {
            long started = System.nanoTime();
            return check(token).doOnNext(check -> (check instanceof AccessTokenCheck.Valid ? validTime : invalidTime)
                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
        });
    }

    private Mono<AccessTokenCheck> check(String token) {
        if (token != null && token.length() <= AccessTokenFormat.MAX_TOKEN_LENGTH) {
            Passed earlier = passed.getIfPresent(token);
            if (earlier != null) {
                if (keys.isCurrent(earlier.kid(), earlier.key()) && rules.unexpired(earlier.claims(), clock.instant())) {
                    return Mono.just(new AccessTokenCheck.Valid(earlier.claims()));
                }
                passed.invalidate(token);
            }
        }
        return switch (AccessTokenRules.checkHeader(token)) {
            case HeaderCheck.Refused(Reason reason) -> invalid(reason);
            case HeaderCheck.Accepted(String kid) -> keys.verifierFor(kid).map(verifier -> verifier
                    .map(key -> remembered(token, kid, key, checkSigned(key, token)))
                    .orElseGet(() -> new AccessTokenCheck.Invalid(UNKNOWN_KEY)))
                    .onErrorReturn(new AccessTokenCheck.Invalid(UNKNOWN_KEY));
        };
    }

    private AccessTokenCheck remembered(String token, String kid, JWSVerifier key, AccessTokenCheck check) {
        if (check instanceof AccessTokenCheck.Valid(AccessTokenClaims claims)) {
            passed.put(token, new Passed(kid, key, claims));
        }
        return check;
    }

    private AccessTokenCheck checkSigned(JWSVerifier key, String token) {
        try {
            Optional<SignedJWT> signed = AccessTokenFormat.verifiedWith(key, token);
            if (signed.isEmpty()) {
                return new AccessTokenCheck.Invalid(BAD_SIGNATURE);
            }
            return rules.checkClaims(signed.get().getJWTClaimsSet(), clock.instant());
        } catch (ParseException | RuntimeException unreadable) {
            return new AccessTokenCheck.Invalid(MALFORMED);
        }
    }

    private static Mono<AccessTokenCheck> invalid(Reason reason) {
        return Mono.just(new AccessTokenCheck.Invalid(reason));
    }
}
