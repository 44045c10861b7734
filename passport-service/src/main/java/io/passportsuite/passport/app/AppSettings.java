package io.passportsuite.passport.app;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param defaultAppId the app the surfaces without an {@code app_id} (envelope and chat) serve;
 *                     it is created at start-up when missing (it holds no secret)
 * @param defaultAppName its display name when created
 */
@ConfigurationProperties("passport.apps")
public record AppSettings(
        @DefaultValue("default") String defaultAppId,
        @DefaultValue("Default app") String defaultAppName) {
}
