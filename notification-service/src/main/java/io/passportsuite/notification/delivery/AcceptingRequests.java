package io.passportsuite.notification.delivery;

import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.passportsuite.common.eventing.OutboxTracing;
import io.passportsuite.common.eventing.OutboxWriter;
import io.passportsuite.common.eventing.ProcessedEvents;
import io.passportsuite.common.events.EventEnvelope;
import io.passportsuite.common.events.Topics;
import io.passportsuite.common.events.notification.NotificationRequested;
import io.passportsuite.notification.channel.Channels;
import io.passportsuite.notification.template.MessageTemplates;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a request read from Kafka into a pending delivery row. The row and the processed-event
 * mark commit together, so a redelivered event (same id) never makes a second delivery.
 */
@Component
class AcceptingRequests {

    static final String CONSUMER = "notification-service.requests";

    private static final Logger log = LoggerFactory.getLogger(AcceptingRequests.class);

    private final JsonMapper json;
    private final TransactionTemplate transaction;
    private final ProcessedEvents processedEvents;
    private final OutboxWriter outbox;
    private final Deliveries deliveries;
    private final Channels channels;
    private final MessageTemplates templates;
    private final DeliveryMetrics metrics;
    private final OutboxTracing tracing;

    AcceptingRequests(JsonMapper json, TransactionTemplate transaction, ProcessedEvents processedEvents, OutboxWriter outbox,
            Deliveries deliveries, Channels channels, MessageTemplates templates, DeliveryMetrics metrics,
            ObjectProvider<OutboxTracing> tracing) {
        this.json = json;
        this.transaction = transaction;
        this.processedEvents = processedEvents;
        this.outbox = outbox;
        this.deliveries = deliveries;
        this.channels = channels;
        this.templates = templates;
        this.metrics = metrics;
        this.tracing = tracing.getIfAvailable(() -> OutboxTracing.NONE);
    }

    /** The new delivery's id; empty for a duplicate or a request that cannot be delivered. */
    Optional<UUID> accept(String value) {
        EventEnvelope envelope;
        NotificationRequested request;
        try {
            envelope = json.readValue(value, EventEnvelope.class);
            if (!NotificationRequested.TYPE.equals(envelope.type()) || envelope.version() != NotificationRequested.VERSION) {
                log.warn("Skipping event {}: type {} v{} is not a notification request this service reads",
                        envelope.eventId(), envelope.type(), envelope.version());
                return Optional.empty();
            }
            request = json.treeToValue(envelope.payload(), NotificationRequested.class);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            // Retrying cannot fix an unreadable record (a null variable, a missing event id), and
            // throwing would block the partition; without a readable envelope the DLT cannot take it.
            log.warn("Skipping an unreadable notification request: {}", e.getMessage());
            return Optional.empty();
        }
        return transaction.execute(status -> {
            if (!processedEvents.firstTime(CONSUMER, envelope.eventId())) {
                log.info("Event {} was already accepted; not delivering it again", envelope.eventId());
                return Optional.empty();
            }
            String problem = problemWith(request);
            if (problem != null) {
                log.warn("Parking event {} on the dead-letter topic: {}", envelope.eventId(), problem);
                outbox.append(Topics.NOTIFICATION_REQUESTS_DEAD_LETTER, envelope);
                // Counted before the commit: a commit that fails is retried, and counted again, which
                // is rare and harmless for a rate of parked requests.
                metrics.parked(DeliveryMetrics.INVALID_REQUEST);
                return Optional.empty();
            }
            Optional<UUID> delivery = deliveries.insert(envelope, channels.deliveryChannel(request.channel()),
                    request.destination(), request.template(), tracing.current());
            // In the trace of the request that asked for the message (the record's headers carry it):
            // the line that ties an operator's search for a login to its delivery. No destination.
            delivery.ifPresent(id -> log.info("Event {} accepted as delivery {} ({} via {})", envelope.eventId(), id,
                    request.template(), request.channel()));
            return delivery;
        });
    }

    private String problemWith(NotificationRequested request) {
        if (!NotificationRequested.EMAIL.equals(request.channel()) && !NotificationRequested.SMS.equals(request.channel())) {
            return "unknown channel " + request.channel();
        }
        if (!channels.accepts(request.channel())) {
            return "channel " + request.channel() + " is not configured";
        }
        if (request.destination() == null || request.destination().isBlank()) {
            return "no destination";
        }
        if (!templates.knows(request.template())) {
            return "unknown template " + request.template();
        }
        return null;
    }
}
