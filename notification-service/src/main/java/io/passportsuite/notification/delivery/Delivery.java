package io.passportsuite.notification.delivery;

import java.util.UUID;

import io.passportsuite.common.eventing.OutboxTracing;
import io.passportsuite.common.events.EventEnvelope;

/**
 * A delivery claimed for an attempt; {@code attempts} counts the ones made before this, {@code trace}
 * is the trace of the request that asked for the message.
 */
record Delivery(UUID id, UUID eventId, String appId, String channel, String destination, String template, int attempts,
        EventEnvelope request, OutboxTracing.Context trace) {
}
