package io.passportsuite.admin.activity;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.passportsuite.common.events.Topics;

/**
 * Reads passport's user events into the shared database. One consumer group for all replicas:
 * unlike the runtime logs, which each replica keeps on its own disk, a row written by one replica
 * is seen by all. The offset is committed after the record is handled, so a crash re-reads it and
 * the unique event id makes that harmless; only a database away throws, and that is retried.
 */
@Component
class UserEventListener {

    static final String GROUP = "admin-service-activity";

    private final RecordingActivity recording;

    UserEventListener(RecordingActivity recording) {
        this.recording = recording;
    }

    @KafkaListener(id = GROUP, topics = Topics.USER_EVENTS, groupId = GROUP,
            containerFactory = ActivityConfiguration.LISTENER_FACTORY,
            // A new deployment records what happened before its first start, as far as the topic reaches back.
            properties = "auto.offset.reset=earliest")
    void onEvent(ConsumerRecord<String, String> record) {
        recording.record(record.value());
    }
}
