package io.passportsuite.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;

import io.passportsuite.common.digest.Sha256;
import io.passportsuite.common.web.SuiteHeaders;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Asks passport which app an API key belongs to ({@code GET /internal/api-keys/self}) and reuses
 * the answer, good or bad, for a short while: a revoked key stops working after at most the TTL,
 * and a client repeating an unknown key does not reach passport on every call.
 */
final class ApiKeyCheck {

    /** Beyond this many cached keys the cache starts over rather than grow without bound. */
    private static final int MAX_CACHED = 10_000;

    /** {@code appId} empty: passport does not know the key. */
    record Outcome(Optional<String> appId, Instant expiresAt) {
    }

    /** Passport could not answer; the request is refused with 503 rather than let through. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }

    private final WebClient passport;
    private final String internalCredential;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Outcome> cache = new ConcurrentHashMap<>();

    ApiKeyCheck(WebClient passport, String internalCredential, Duration ttl, Clock clock) {
        this.passport = passport;
        this.internalCredential = internalCredential;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The app of {@code authorization} ({@code Bearer <api_key>}); empty when unknown or revoked. */
    Mono<Optional<String>> appOf(String authorization) {
        String digest = Sha256.hex(authorization);
        Outcome cached = cache.get(digest);
        if (cached != null && clock.instant().isBefore(cached.expiresAt())) {
            return Mono.just(cached.appId());
        }
        return passport.get().uri("/internal/api-keys/self")
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .header(SuiteHeaders.INTERNAL_CREDENTIAL, internalCredential)
                .exchangeToMono(response -> {
                    if (response.statusCode().is2xxSuccessful()) {
                        return response.bodyToMono(JsonNode.class).map(body -> Optional.ofNullable(body.path("app_id").asString(null)));
                    }
                    if (response.statusCode().value() == HttpStatus.UNAUTHORIZED.value()) {
                        return response.releaseBody().thenReturn(Optional.<String>empty());
                    }
                    return response.releaseBody().then(Mono.error(new Unavailable("passport answered " + response.statusCode())));
                })
                .timeout(Duration.ofSeconds(5))
                .onErrorMap(failure -> !(failure instanceof Unavailable), failure -> new Unavailable(failure.toString()))
                .doOnNext(appId -> remember(digest, appId));
    }

    private void remember(String digest, Optional<String> appId) {
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(digest, new Outcome(appId, clock.instant().plus(ttl)));
    }

}
