package io.passportsuite.notification.channel;

import java.util.Map;

import io.passportsuite.common.events.notification.NotificationRequested;

/**
 * Which channels are really configured, and sending on them. A channel without configuration is
 * in test mode: its messages are recorded as channel {@code log} and only written to the log.
 */
public class Channels {

    public static final String LOG = "log";

    private final SmtpEmail email;
    private final SmsProvider sms;

    Channels(SmtpEmail email, SmsProvider sms) {
        this.email = email;
        this.sms = sms;
    }

    /** The channel a request for {@code requested} is delivered on: itself, or {@code log} in test mode. */
    public String deliveryChannel(String requested) {
        return switch (requested) {
            case NotificationRequested.EMAIL -> email != null ? NotificationRequested.EMAIL : LOG;
            case NotificationRequested.SMS -> sms.name().equals(LoggingSmsProvider.NAME) ? LOG : NotificationRequested.SMS;
            default -> throw new IllegalArgumentException("Unknown channel " + requested);
        };
    }

    /** Sends on a channel {@link #deliveryChannel} chose; throws {@link SendFailed} when it could not. */
    public void send(String deliveryChannel, OutboundMessage message) {
        switch (deliveryChannel) {
            case NotificationRequested.EMAIL -> email.send(message);
            case NotificationRequested.SMS -> sms.send(message.destination(), message.text());
            case LOG -> TestModeLog.record(message);
            default -> throw new IllegalArgumentException("Unknown channel " + deliveryChannel);
        }
    }

    /** {@code {"email": "smtp"|"log", "sms": "http"|"log"}}. */
    public Map<String, String> describe() {
        return Map.of(NotificationRequested.EMAIL, email != null ? SmtpEmail.NAME : LOG, NotificationRequested.SMS, sms.name());
    }
}
