package io.passportsuite.notification.channel;

/** What a channel sends: rendered text plus who it is from. {@code subject} is null for SMS. */
public record OutboundMessage(String destination, String senderName, String senderAddress, String subject, String text) {
}
