package io.passportsuite.notification.channel;

import java.util.Map;

import io.passportsuite.common.events.notification.NotificationRequested;

/**
 * Which channels are really configured, and sending on them. A channel without configuration is
 * in test mode: its messages are recorded as channel {@code log} and only written to the log.
 * Never in production: there a request for a channel without configuration is refused.
 */
public class Channels {

    public static final String LOG = "log";

    private final SmtpEmail email;
    private final SmsProvider sms;
    private final boolean production;

    Channels(SmtpEmail email, SmsProvider sms, boolean production) {
        this.email = email;
        this.sms = sms;
        this.production = production;
    }

    /** Throws when this is production and neither email nor SMS is configured. */
    void requireARealChannelInProduction() {
        if (production && email == null && !smsConfigured()) {
            throw new IllegalStateException("""
                    notification-service has no delivery channel configured and would write every message, codes \
                    included, to the log; that is refused in production (SUITE_ENVIRONMENT=production). Configure \
                    SMTP (SPRING_MAIL_HOST, SPRING_MAIL_PORT, SPRING_MAIL_USERNAME, SPRING_MAIL_PASSWORD) and/or an \
                    SMS provider (passport.notification.sms.provider=http with passport.notification.sms.http.url), \
                    or run with SUITE_ENVIRONMENT=development for local test mode.""");
        }
    }

    /** False for a channel that is not configured, in production: its messages must not reach the log. */
    public boolean accepts(String requested) {
        return !production || !LOG.equals(deliveryChannel(requested));
    }

    private boolean smsConfigured() {
        return !sms.name().equals(LoggingSmsProvider.NAME);
    }

    /** The channel a request for {@code requested} is delivered on: itself, or {@code log} in test mode. */
    public String deliveryChannel(String requested) {
        return switch (requested) {
            case NotificationRequested.EMAIL -> email != null ? NotificationRequested.EMAIL : LOG;
            case NotificationRequested.SMS -> smsConfigured() ? NotificationRequested.SMS : LOG;
            default -> throw new IllegalArgumentException("Unknown channel " + requested);
        };
    }

    /** Sends on a channel {@link #deliveryChannel} chose; throws {@link SendFailed} when it could not. */
    public void send(String deliveryChannel, OutboundMessage message) {
        switch (deliveryChannel) {
            case NotificationRequested.EMAIL -> email.send(message);
            case NotificationRequested.SMS -> sms.send(message.destination(), message.text());
            case LOG -> {
                if (production) {
                    throw new SendFailed("Refusing to write a message to the log in production");
                }
                TestModeLog.record(message);
            }
            default -> throw new IllegalArgumentException("Unknown channel " + deliveryChannel);
        }
    }

    /** {@code {"email": "smtp"|"log", "sms": "http"|"log"}}. */
    public Map<String, String> describe() {
        return Map.of(NotificationRequested.EMAIL, email != null ? SmtpEmail.NAME : LOG, NotificationRequested.SMS, sms.name());
    }
}
