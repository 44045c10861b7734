package io.passportsuite.notification.delivery;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What operators watch of the deliveries: attempts by channel and outcome, and requests parked
 * on the dead-letter topic by why. Tags come from short fixed lists (the delivery channels, the
 * outcomes below), never from a destination or anything else a request carries.
 */
@Component
class DeliveryMetrics {

    /** A request that can never be delivered as asked (unknown channel or template, no destination). */
    static final String INVALID_REQUEST = "invalid_request";
    /** A delivery that failed on every attempt allowed. */
    static final String ATTEMPTS_EXHAUSTED = "attempts_exhausted";

    private final MeterRegistry meters;

    DeliveryMetrics(MeterRegistry meters) {
        this.meters = meters;
        // At zero from the start: a series that first appears at 1 shows no increase, and the one
        // dead letter an alert is for would go unseen.
        for (String reason : new String[] {INVALID_REQUEST, ATTEMPTS_EXHAUSTED}) {
            deadLetters(reason);
        }
    }

    void sent(String channel) {
        attempt(channel, "sent");
    }

    /** A failed attempt that will be tried again. */
    void retrying(String channel) {
        attempt(channel, "retrying");
    }

    /** The last attempt failed: the delivery is dead and its request parked. */
    void dead(String channel) {
        attempt(channel, "dead");
        parked(ATTEMPTS_EXHAUSTED);
    }

    void parked(String reason) {
        deadLetters(reason).increment();
    }

    private Counter deadLetters(String reason) {
        return Counter.builder("notification.dead.letters")
                .description("Notification requests parked on the dead-letter topic")
                .tag("reason", reason)
                .register(meters);
    }

    private void attempt(String channel, String outcome) {
        Counter.builder("notification.deliveries")
                .description("Delivery attempts of codes and other messages, by channel and outcome")
                .tag("channel", channel)
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }
}
