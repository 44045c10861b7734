package io.passportsuite.passport.app;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Local mode only ({@code local} profile, never in production): makes sure the default app
 * exists with the configured API key. Idempotent, so every start of the local suite may run it.
 */
@Component
@Profile("local")
@EnableConfigurationProperties(BootstrapProperties.class)
class LocalBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(LocalBootstrap.class);
    static final int MIN_KEY_LENGTH = 20;

    private final JdbcClient jdbc;
    private final BootstrapProperties properties;

    LocalBootstrap(JdbcClient jdbc, BootstrapProperties properties, @Value("${passport.environment}") String environment) {
        if ("production".equalsIgnoreCase(environment)) {
            throw new IllegalStateException("The local profile bootstraps a default API key and must not run in production");
        }
        if (properties.apiKey() == null || properties.apiKey().length() < MIN_KEY_LENGTH) {
            throw new IllegalStateException("Local mode needs PASSPORT_BOOTSTRAP_API_KEY of at least " + MIN_KEY_LENGTH + " characters");
        }
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        jdbc.sql("INSERT INTO app (app_id, name) VALUES (:appId, :name) ON CONFLICT (app_id) DO NOTHING")
                .param("appId", properties.appId())
                .param("name", properties.appName())
                .update();
        int added = jdbc.sql("""
                INSERT INTO api_key (id, app_id, prefix, key_hash, label)
                VALUES (:id, :appId, :prefix, :hash, 'local bootstrap')
                ON CONFLICT (key_hash) DO NOTHING
                """)
                .param("id", UUID.randomUUID())
                .param("appId", properties.appId())
                .param("prefix", ApiKeys.visiblePrefix(properties.apiKey()))
                .param("hash", ApiKeys.hash(properties.apiKey()))
                .update();
        log.info("Local mode: app '{}' {} API key {}...", properties.appId(), added == 1 ? "got" : "already has",
                ApiKeys.visiblePrefix(properties.apiKey()));
    }
}
