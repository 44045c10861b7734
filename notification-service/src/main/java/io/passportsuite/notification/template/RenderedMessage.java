package io.passportsuite.notification.template;

/** A message ready to send. SMS messages have no subject. */
public record RenderedMessage(String subject, String text) {
}
