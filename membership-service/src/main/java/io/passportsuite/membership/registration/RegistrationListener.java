package io.passportsuite.membership.registration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

import io.passportsuite.common.events.Topics;

/**
 * Reads passport's account events (a registration's invite code to redeem, a deleted user to erase)
 * and commits the offset only once what it did is committed: a crash before that re-reads the
 * record, and the processed-event marks make the re-read harmless.
 */
@Component
class RegistrationListener {

    private final RedeemingRegistrationCodes redeeming;
    private final ErasingDeletedUsers erasing;

    RegistrationListener(RedeemingRegistrationCodes redeeming, ErasingDeletedUsers erasing) {
        this.redeeming = redeeming;
        this.erasing = erasing;
    }

    @KafkaListener(topics = Topics.USER_EVENTS, groupId = "${spring.kafka.consumer.group-id}")
    void onUserEvent(ConsumerRecord<String, String> record, Acknowledgment acknowledgment) {
        redeeming.accept(record.value());
        erasing.accept(record.value());
        acknowledgment.acknowledge();
    }
}
