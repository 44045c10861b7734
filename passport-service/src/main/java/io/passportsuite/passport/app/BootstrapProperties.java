package io.passportsuite.passport.app;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param apiKey the API key local mode registers for the default app ({@code PASSPORT_BOOTSTRAP_API_KEY}) */
@ConfigurationProperties("passport.bootstrap")
record BootstrapProperties(String apiKey) {
}
