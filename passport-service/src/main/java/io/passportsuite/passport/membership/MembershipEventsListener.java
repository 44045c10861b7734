package io.passportsuite.passport.membership;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

import io.passportsuite.common.events.Topics;

/**
 * Reads membership changes and commits the offset only once the projection is committed: a crash
 * before that re-reads the record, and the processed-event mark and the revision make the re-read
 * harmless.
 */
@Component
class MembershipEventsListener {

    private final CapabilityProjection projection;

    MembershipEventsListener(CapabilityProjection projection) {
        this.projection = projection;
    }

    @KafkaListener(topics = Topics.MEMBERSHIP_EVENTS, groupId = "${spring.kafka.consumer.group-id}")
    void onMembershipEvent(ConsumerRecord<String, String> record, Acknowledgment acknowledgment) {
        projection.apply(record.value());
        acknowledgment.acknowledge();
    }
}
