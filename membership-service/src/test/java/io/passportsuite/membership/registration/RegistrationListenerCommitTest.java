package io.passportsuite.membership.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import io.passportsuite.common.events.EventEnvelope;
import io.passportsuite.common.events.Topics;
import io.passportsuite.common.events.user.UserRegistered;
import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.membership.SuiteCalls;
import tools.jackson.databind.json.JsonMapper;

/**
 * The listener acknowledges each record and the offsets are committed once per poll: after a
 * burst is handled, the group's committed position reaches the end of every partition the burst
 * went to. Without the acknowledgement (or with a commit mode that waits for it and never gets
 * it) the position would stay behind and every restart would read the burst again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "passport.internal.credential=" + SuiteCalls.CREDENTIAL)
@RealInfrastructure
class RegistrationListenerCommitTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int BURST = 30;

    @Autowired
    private KafkaTemplate<String, String> kafka;

    @Autowired
    private KafkaAdmin kafkaAdmin;

    @Autowired
    private JsonMapper json;

    @Autowired
    private JdbcClient jdbc;

    @Value("${spring.kafka.consumer.group-id}")
    private String group;

    @Test
    void shouldCommitTheGroupsPositionOnceABurstIsHandled() throws Exception {
        List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>();
        List<UUID> events = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            UUID user = UUID.randomUUID();
            UserRegistered registered = new UserRegistered(user, "u" + user.toString().substring(0, 8), null, null, null, 0,
                    "NOPE", "chat");
            EventEnvelope envelope = EventEnvelope.newEvent(UserRegistered.TYPE, UserRegistered.VERSION, SuiteCalls.APP,
                    user.toString(), json.valueToTree(registered));
            events.add(envelope.eventId());
            sends.add(kafka.send(Topics.USER_EVENTS, user.toString(), json.writeValueAsString(envelope)));
        }
        Set<TopicPartition> partitions = new HashSet<>();
        for (CompletableFuture<SendResult<String, String>> send : sends) {
            var metadata = send.get(30, TimeUnit.SECONDS).getRecordMetadata();
            partitions.add(new TopicPartition(metadata.topic(), metadata.partition()));
        }

        await().atMost(TIMEOUT).until(() -> handled(events) == BURST);

        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            await().atMost(TIMEOUT).untilAsserted(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                partitions.forEach(partition -> assertThat(committed.get(partition))
                        .as("committed position of %s", partition).isNotNull()
                        .extracting(OffsetAndMetadata::offset).isEqualTo(endOffset(admin, partition)));
            });
        }
    }

    /** Distinct: a second consumer of the service marking the same event must not count it twice. */
    private int handled(List<UUID> events) {
        return jdbc.sql("SELECT count(DISTINCT event_id) FROM processed_event WHERE event_id IN (:ids)")
                .param("ids", events).query(Integer.class).single();
    }

    private static long endOffset(Admin admin, TopicPartition partition) {
        try {
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get(30, TimeUnit.SECONDS)
                    .offset();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
