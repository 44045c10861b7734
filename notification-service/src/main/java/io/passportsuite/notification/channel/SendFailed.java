package io.passportsuite.notification.channel;

/** A channel could not hand the message over; the delivery is retried later. */
public class SendFailed extends RuntimeException {

    public SendFailed(String message, Throwable cause) {
        super(message, cause);
    }

    public SendFailed(String message) {
        super(message);
    }
}
