package io.passportsuite.passport.app;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The app and API key local mode creates so a newcomer can call the API at once.
 *
 * @param appId the app the surfaces without an {@code app_id} serve
 * @param appName its display name
 * @param apiKey the key to register for it, from {@code PASSPORT_BOOTSTRAP_API_KEY}
 */
@ConfigurationProperties("passport.bootstrap")
record BootstrapProperties(
        @DefaultValue("default") String appId,
        @DefaultValue("Default app") String appName,
        String apiKey) {
}
