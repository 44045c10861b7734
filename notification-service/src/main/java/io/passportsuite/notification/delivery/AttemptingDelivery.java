package io.passportsuite.notification.delivery;

import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.passportsuite.common.eventing.OutboxTracing;
import io.passportsuite.common.eventing.OutboxWriter;
import io.passportsuite.common.events.Topics;
import io.passportsuite.common.events.notification.NotificationRequested;
import io.passportsuite.notification.channel.Channels;
import io.passportsuite.notification.channel.OutboundMessage;
import io.passportsuite.notification.template.AppBranding;
import io.passportsuite.notification.template.MessageTemplates;
import io.passportsuite.notification.template.RenderedMessage;
import tools.jackson.databind.json.JsonMapper;

/**
 * One attempt at one claimed delivery: render, send, record the outcome. A failure schedules the
 * next retry; the last failure marks the row dead and parks the request on the dead-letter topic
 * in the same transaction. Logs name the delivery, never the message text (it holds codes).
 */
@Component
class AttemptingDelivery {

    private static final Logger log = LoggerFactory.getLogger(AttemptingDelivery.class);

    private final Deliveries deliveries;
    private final MessageTemplates templates;
    private final AppBranding branding;
    private final Channels channels;
    private final OutboxWriter outbox;
    private final TransactionTemplate transaction;
    private final DeliverySettings settings;
    private final JsonMapper json;
    private final DeliveryMetrics metrics;
    private final OutboxTracing tracing;

    AttemptingDelivery(Deliveries deliveries, MessageTemplates templates, AppBranding branding, Channels channels,
            OutboxWriter outbox, TransactionTemplate transaction, DeliverySettings settings, JsonMapper json,
            DeliveryMetrics metrics, ObjectProvider<OutboxTracing> tracing) {
        this.deliveries = deliveries;
        this.templates = templates;
        this.branding = branding;
        this.channels = channels;
        this.outbox = outbox;
        this.transaction = transaction;
        this.settings = settings;
        this.json = json;
        this.metrics = metrics;
        this.tracing = tracing.getIfAvailable(() -> OutboxTracing.NONE);
    }

    /** In the trace of the request that asked for the message: each attempt is a span of it. */
    void attempt(Delivery delivery) {
        tracing.continuing(delivery.trace(), "deliver " + delivery.channel(), () -> attemptTraced(delivery));
    }

    private void attemptTraced(Delivery delivery) {
        int attempt = delivery.attempts() + 1;
        try {
            channels.send(delivery.channel(), render(delivery));
            deliveries.markSent(delivery.id(), attempt);
            metrics.sent(delivery.channel());
            log.info("Delivery {} ({} via {}) sent on attempt {}", delivery.id(), delivery.template(), delivery.channel(), attempt);
        } catch (RuntimeException e) {
            failed(delivery, attempt, e.getMessage() == null ? e.getClass().getName() : e.getMessage());
        }
    }

    private OutboundMessage render(Delivery delivery) {
        NotificationRequested request = json.treeToValue(delivery.request().payload(), NotificationRequested.class);
        AppBranding.Sender sender = branding.senderFor(delivery.appId(), request.appName());
        Map<String, String> variables = new HashMap<>(request.variables());
        variables.put("appName", sender.name());
        RenderedMessage message = templates.render(delivery.template(), request.channel(), request.locale(), variables);
        return new OutboundMessage(delivery.destination(), sender.name(), sender.address(), message.subject(), message.text());
    }

    private void failed(Delivery delivery, int attempt, String error) {
        if (attempt >= settings.maxAttempts()) {
            transaction.executeWithoutResult(status -> {
                deliveries.markDead(delivery.id(), attempt, error);
                outbox.append(Topics.NOTIFICATION_REQUESTS_DEAD_LETTER, delivery.request());
            });
            metrics.dead(delivery.channel());
            log.error("Delivery {} ({} via {}) is dead after {} attempts: {}", delivery.id(), delivery.template(),
                    delivery.channel(), attempt, error);
            return;
        }
        deliveries.markFailed(delivery.id(), attempt, error, settings.backoffAfter(attempt));
        metrics.retrying(delivery.channel());
        log.warn("Delivery {} ({} via {}) attempt {} failed, retrying in {}: {}", delivery.id(), delivery.template(),
                delivery.channel(), attempt, settings.backoffAfter(attempt), error);
    }
}
