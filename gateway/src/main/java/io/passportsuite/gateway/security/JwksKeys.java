package io.passportsuite.gateway.security;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

import reactor.core.publisher.Mono;

/**
 * Passport's published signing keys, by {@code kid}. Keys are fetched again when they are older
 * than the max age or when a token names an unknown {@code kid} (passport publishes a new key an
 * hour before it signs, so that is rare) - but at most once per minimum interval, so tokens with
 * made-up {@code kid}s cannot turn into a flood of requests to passport.
 */
final class JwksKeys {

    private static final Logger log = LoggerFactory.getLogger(JwksKeys.class);
    private static final int MIN_RSA_BITS = 2048;
    /** Without any key every token fails, so a first fetch that failed (passport still starting) is retried sooner. */
    private static final Duration RETRY_WITHOUT_KEYS = Duration.ofSeconds(1);

    private final Mono<String> fetchJwks;
    private final Duration maxAge;
    private final Duration minRefreshInterval;
    private final Clock clock;

    private volatile Map<String, JWSVerifier> verifiers = Map.of();
    private volatile Instant fetchedAt = Instant.MIN;
    private Instant lastAttempt = Instant.MIN;
    private Mono<Map<String, JWSVerifier>> latestFetch = Mono.just(Map.of());

    JwksKeys(Mono<String> fetchJwks, Duration maxAge, Duration minRefreshInterval, Clock clock) {
        this.fetchJwks = fetchJwks;
        this.maxAge = maxAge;
        this.minRefreshInterval = minRefreshInterval;
        this.clock = clock;
    }

    /** The verifier of {@code kid}'s key; empty when passport does not publish such a key. */
    Mono<Optional<JWSVerifier>> verifierFor(String kid) {
        Instant now = clock.instant();
        JWSVerifier known = verifiers.get(kid);
        if (known != null && fresh(now)) {
            return Mono.just(Optional.of(known));
        }
        return refreshed(now).map(keys -> Optional.ofNullable(keys.get(kid)));
    }

    /**
     * Whether {@code verifier} is still what passport publishes as {@code kid}, without fetching:
     * false once the keys are older than the max age, so a fresh fetch gets its say.
     */
    boolean isCurrent(String kid, JWSVerifier verifier) {
        return verifiers.get(kid) == verifier && fresh(clock.instant());
    }

    private boolean fresh(Instant now) {
        return now.isBefore(fetchedAt.plus(maxAge));
    }

    private synchronized Mono<Map<String, JWSVerifier>> refreshed(Instant now) {
        Duration interval = verifiers.isEmpty() ? RETRY_WITHOUT_KEYS.compareTo(minRefreshInterval) < 0
                ? RETRY_WITHOUT_KEYS : minRefreshInterval : minRefreshInterval;
        if (lastAttempt.equals(Instant.MIN) || !now.isBefore(lastAttempt.plus(interval))) {
            lastAttempt = now;
            latestFetch = fetchJwks
                    .map(JwksKeys::parse)
                    .doOnNext(keys -> {
                        verifiers = keys;
                        fetchedAt = clock.instant();
                    })
                    .onErrorResume(failure -> {
                        // Keep the keys we had: a passport restart must not fail every request at the edge.
                        log.warn("Fetching passport's JWKS failed: {}", failure.toString());
                        return Mono.fromSupplier(() -> verifiers);
                    })
                    .switchIfEmpty(Mono.fromSupplier(() -> verifiers))
                    .cache();
            return latestFetch;
        }
        return latestFetch;
    }

    /** Only RSA signing keys of a sane size, for RS256 or without an {@code alg}; anything else is ignored. */
    static Map<String, JWSVerifier> parse(String json) {
        Map<String, JWSVerifier> keys = new HashMap<>();
        try {
            for (JWK jwk : JWKSet.parse(json).getKeys()) {
                if (jwk instanceof RSAKey rsa && rsa.getKeyID() != null && rsa.size() >= MIN_RSA_BITS
                        && (rsa.getKeyUse() == null || KeyUse.SIGNATURE.equals(rsa.getKeyUse()))
                        && (rsa.getAlgorithm() == null || JWSAlgorithm.RS256.equals(rsa.getAlgorithm()))) {
                    keys.put(rsa.getKeyID(), new RSASSAVerifier(rsa.toRSAPublicKey()));
                }
            }
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("passport's JWKS is not a valid key set", e);
        }
        return Map.copyOf(keys);
    }
}
