package io.passportsuite.passport.app;

import java.time.Duration;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Tells which app an API key belongs to. Answers, with the app's settings, are cached for a few
 * seconds because every call of an app's backend pays this check (token validation most of all,
 * which then needs no database read at all); a revoked key therefore stops working within that
 * time.
 */
@Component
public class ApiKeyAuthenticator {

    static final Duration CACHE_TTL = Duration.ofSeconds(3);

    private final ApiKeyRepository keys;
    private final Cache<String, Optional<App>> appByKeyHash = Caffeine.newBuilder()
            .expireAfterWrite(CACHE_TTL)
            .maximumSize(10_000)
            .build();

    ApiKeyAuthenticator(ApiKeyRepository keys) {
        this.keys = keys;
    }

    /** The app of an active key given as {@code Authorization: Bearer <key>}, if any. */
    public Optional<App> appOf(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String key = authorizationHeader.substring(7).trim();
        if (key.isEmpty() || key.length() > ApiKeys.MAX_LENGTH) {
            return Optional.empty();
        }
        return appByKeyHash.get(ApiKeys.hash(key), keys::findActiveApp);
    }

    void forgetCachedKeys() {
        appByKeyHash.invalidateAll();
    }
}
