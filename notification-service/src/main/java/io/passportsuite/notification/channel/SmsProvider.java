package io.passportsuite.notification.channel;

/** Hands a text message to whoever delivers SMS. Throws {@link SendFailed} when it could not. */
public interface SmsProvider {

    /** {@code http} or {@code log}, as {@code GET /internal/channels} reports it. */
    String name();

    void send(String phoneNumber, String text);
}
