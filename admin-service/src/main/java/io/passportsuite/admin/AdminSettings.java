package io.passportsuite.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platformAppId}: the app the back office administers and whose administrators may use it,
 * passport's default app ({@code PASSPORT_DEFAULT_APP_ID}), as the gateway names it in its headers.
 */
@ConfigurationProperties("admin")
public record AdminSettings(@DefaultValue("default") String platformAppId) {
}
