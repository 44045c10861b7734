package io.passportsuite.notification.delivery;

import java.util.UUID;

import io.passportsuite.common.events.EventEnvelope;

/** A delivery claimed for an attempt; {@code attempts} counts the ones made before this. */
record Delivery(UUID id, UUID eventId, String appId, String channel, String destination, String template, int attempts,
        EventEnvelope request) {
}
