package io.passportsuite.notification.delivery;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

import io.passportsuite.common.events.Topics;

/**
 * Reads requests and commits the offset only once the delivery row is committed: a crash before
 * that re-reads the record, and the processed-event mark makes the re-read harmless. The sending
 * itself happens on the delivery worker, so a slow SMTP server never holds up the partition.
 */
@Component
class NotificationRequestListener {

    private final AcceptingRequests accepting;
    private final DeliveryWorker worker;

    NotificationRequestListener(AcceptingRequests accepting, DeliveryWorker worker) {
        this.accepting = accepting;
        this.worker = worker;
    }

    @KafkaListener(topics = Topics.NOTIFICATION_REQUESTS, groupId = "${spring.kafka.consumer.group-id}")
    void onRequest(ConsumerRecord<String, String> record, Acknowledgment acknowledgment) {
        if (accepting.accept(record.value()).isPresent()) {
            worker.wake();
        }
        acknowledgment.acknowledge();
    }
}
