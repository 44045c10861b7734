package io.passportsuite.notification.template;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who a message says it comes from. Each request names its app; {@code apps.<appId>} may override
 * the display name and the sender address for that app.
 *
 * @param defaultName used when neither the request nor the app's settings name the app
 * @param fromAddress the sender address of every email unless the app has its own
 * @param apps per app id: {@code name} and {@code from-address}, both optional
 */
@ConfigurationProperties("passport.notification.branding")
public record AppBranding(
        @DefaultValue("Passport Suite") String defaultName,
        @DefaultValue("no-reply@passport-suite.local") String fromAddress,
        Map<String, App> apps) {

    public AppBranding {
        apps = apps == null ? Map.of() : Map.copyOf(apps);
    }

    public record App(String name, String fromAddress) {
    }

    /** The configured name wins over the one in the request, so an operator can correct it. */
    public Sender senderFor(String appId, String requestedName) {
        App app = apps.get(appId);
        String name = firstText(app == null ? null : app.name(), requestedName, defaultName);
        String from = firstText(app == null ? null : app.fromAddress(), fromAddress);
        return new Sender(name, from);
    }

    public record Sender(String name, String address) {
    }

    private static String firstText(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return null;
    }
}
