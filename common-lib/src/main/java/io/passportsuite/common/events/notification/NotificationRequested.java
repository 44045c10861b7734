package io.passportsuite.common.events.notification;

import java.util.Map;

/**
 * A message to deliver, published on {@code notification.requests.v1} keyed by destination. The
 * notification service renders {@code template} in {@code locale} with {@code variables} and the
 * app's branding, and sends it on {@code channel}; it delivers each event id at most once.
 *
 * @param channel {@link #EMAIL} or {@link #SMS}
 * @param destination an email address or an E.164 phone number
 * @param template one of the template names below
 * @param locale {@code zh-CN} or {@code en}; anything else falls back to {@code en}
 * @param variables template values, e.g. {@code code}, {@code expiresInMinutes}, {@code username}
 * @param appName the app's display name, for the sender name and the greeting
 */
public record NotificationRequested(
        String channel,
        String destination,
        String template,
        String locale,
        Map<String, String> variables,
        String appName) {

    public static final String TYPE = "notification.requested";
    public static final int VERSION = 1;

    public static final String EMAIL = "email";
    public static final String SMS = "sms";

    public static final String VERIFICATION_CODE = "verification_code";
    public static final String PASSWORD_RESET = "password_reset";
    public static final String EMAIL_VERIFIED = "email_verified";
    public static final String WELCOME = "welcome";

    public NotificationRequested {
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }
}
