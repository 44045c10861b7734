package io.passportsuite.passport.app;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Local mode only ({@code local} profile, refused in production): registers the configured API
 * key for the default app so a newcomer can call the API at once. Idempotent.
 */
@Component
@Profile("local")
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class LocalBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(LocalBootstrap.class);

    private final ApiKeyRepository keys;
    private final AppSettings apps;
    private final BootstrapProperties properties;

    LocalBootstrap(ApiKeyRepository keys, AppSettings apps, BootstrapProperties properties,
            @Value("${passport.environment}") String environment) {
        if ("production".equalsIgnoreCase(environment)) {
            throw new IllegalStateException("The local profile bootstraps a default API key and must not run in production");
        }
        if (!ApiKeys.acceptableImport(properties.apiKey())) {
            throw new IllegalStateException("Local mode needs PASSPORT_BOOTSTRAP_API_KEY of " + ApiKeys.MIN_IMPORTED_LENGTH + "-"
                    + ApiKeys.MAX_LENGTH + " visible ASCII characters without spaces");
        }
        this.keys = keys;
        this.apps = apps;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean added = keys.insertIfAbsent(UUID.randomUUID(), apps.defaultAppId(), properties.apiKey(), "local bootstrap");
        log.info("Local mode: app '{}' {} API key {}...", apps.defaultAppId(), added ? "got" : "already has",
                ApiKeys.visiblePrefix(properties.apiKey()));
    }
}
