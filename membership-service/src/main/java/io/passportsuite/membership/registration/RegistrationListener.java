package io.passportsuite.membership.registration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

import io.passportsuite.common.events.Topics;

/**
 * Reads passport's account events and commits the offset only once the redemption is committed: a
 * crash before that re-reads the record, and the processed-event mark makes the re-read harmless.
 */
@Component
class RegistrationListener {

    private final RedeemingRegistrationCodes redeeming;

    RegistrationListener(RedeemingRegistrationCodes redeeming) {
        this.redeeming = redeeming;
    }

    @KafkaListener(topics = Topics.USER_EVENTS, groupId = "${spring.kafka.consumer.group-id}")
    void onUserEvent(ConsumerRecord<String, String> record, Acknowledgment acknowledgment) {
        redeeming.accept(record.value());
        acknowledgment.acknowledge();
    }
}
