package io.passportsuite.passport.app;

import java.util.Optional;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Apps by id for the paths every client calls: a refresh reads its app's token lifetimes, and the
 * envelope and chat surfaces their default app on each call. Kept for as long as
 * {@link ApiKeyAuthenticator} keeps an app with its key, and forgotten the same way: a settings
 * change applies on this replica at once and on any other within
 * {@link ApiKeyAuthenticator#CACHE_TTL}. Saves one database round trip of the five a refresh
 * made. An app not found is not kept, so one created a moment later is found at once.
 */
@Component
public class CachedApps {

    private final AppRepository apps;
    private final Cache<String, App> byId = Caffeine.newBuilder()
            .expireAfterWrite(ApiKeyAuthenticator.CACHE_TTL)
            .maximumSize(1_000)
            .build();

    CachedApps(AppRepository apps) {
        this.apps = apps;
    }

    public Optional<App> find(String appId) {
        App kept = byId.getIfPresent(appId);
        if (kept != null) {
            return Optional.of(kept);
        }
        Optional<App> found = apps.find(appId);
        found.ifPresent(app -> byId.put(appId, app));
        return found;
    }

    void forget() {
        byId.invalidateAll();
    }
}
