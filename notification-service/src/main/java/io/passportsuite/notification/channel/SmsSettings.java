package io.passportsuite.notification.channel;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param provider {@code log} (test mode, the default) or {@code http}
 * @param http the generic HTTP provider, used when {@code provider} is {@code http}
 */
@ConfigurationProperties("passport.notification.sms")
public record SmsSettings(@DefaultValue("log") String provider, @DefaultValue Http http) {

    /**
     * @param url where to send each message, e.g. {@code https://sms.example.com/send}
     * @param method HTTP method
     * @param headers request headers (an API key, the content type; {@code application/json} unless
     *        given); the content type decides how
     *        {@code {{to}}} and {@code {{text}}} are escaped in the body: JSON, form-encoded or as is
     * @param bodyTemplate request body with {@code {{to}}} and {@code {{text}}} placeholders
     * @param timeout connect and response timeout
     */
    public record Http(
            String url,
            @DefaultValue("POST") String method,
            Map<String, String> headers,
            @DefaultValue("{\"to\":\"{{to}}\",\"text\":\"{{text}}\"}") String bodyTemplate,
            @DefaultValue("10s") Duration timeout) {

        public Http {
            Map<String, String> given = headers == null ? Map.of() : headers;
            boolean typed = given.keySet().stream().anyMatch("Content-Type"::equalsIgnoreCase);
            Map<String, String> all = new java.util.HashMap<>(given);
            if (!typed) {
                // Setting an API-key header should not silently drop the JSON default body's type.
                all.put("Content-Type", "application/json");
            }
            headers = Map.copyOf(all);
        }
    }
}
