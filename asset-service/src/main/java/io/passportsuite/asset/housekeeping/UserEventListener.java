package io.passportsuite.asset.housekeeping;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.passportsuite.common.events.Topics;

/**
 * Reads passport's user events for avatar references. One consumer group for all replicas: the
 * references live in the shared database. The offset is committed after the record is handled, so
 * a crash re-reads it and the processed-event mark makes that harmless; only a database away
 * throws, and that is retried until it passes.
 */
@Component
class UserEventListener {

    private final TrackingAvatars tracking;

    UserEventListener(TrackingAvatars tracking) {
        this.tracking = tracking;
    }

    @KafkaListener(id = "asset-housekeeping", topics = Topics.USER_EVENTS,
            groupId = "${asset.housekeeping.consumer-group:asset-service-housekeeping}",
            containerFactory = HousekeepingConfiguration.LISTENER_FACTORY,
            // A new deployment learns the avatars set before its first start, as far as the topic reaches back.
            properties = "auto.offset.reset=earliest")
    void onEvent(ConsumerRecord<String, String> record) {
        tracking.apply(record.value());
    }
}
