package io.passportsuite.common.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A real Kafka broker for tests, one per JVM: a Testcontainers one when a Docker engine is
 * reachable, otherwise a single-node KRaft broker running in this JVM from Kafka's own server
 * classes. Tests isolate themselves with their own topics or consumer groups.
 */
public final class TestKafka {

    private static volatile String bootstrapServers;

    private TestKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            bootstrapServers = TestInfrastructureMode.useDocker() ? startContainer() : startInProcess();
        }
        return bootstrapServers;
    }

    private static String startInProcess() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperty("auto.create.topics.enable", "true");
        broker.brokerProperty("num.partitions", "3");
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(broker::destroy));
        return broker.getBrokersAsString();
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' own reaper at JVM exit
    private static String startContainer() {
        KafkaContainer container = new KafkaContainer("apache/kafka-native:4.1.2");
        container.start();
        return container.getBootstrapServers();
    }

    /**
     * Reads {@code topic} from its beginning until {@code expected} records matching {@code filter}
     * arrived or {@code timeout} passed, then once more briefly so that duplicates would show.
     * No consumer group: assigned partitions need no group coordination, which is slow on a busy
     * machine. A topic that does not exist yet (its first event still in an outbox) is waited for.
     */
    public static List<ConsumerRecord<String, String>> readFromStart(String topic, Predicate<ConsumerRecord<String, String>> filter,
            int expected, Duration timeout) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                partitions = partitionsOf(consumer, topic);
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (found.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (filter.test(record)) {
                        found.add(record);
                    }
                });
            }
            consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                if (filter.test(record)) {
                    found.add(record);
                }
            });
        }
        return found;
    }

    private static List<TopicPartition> partitionsOf(KafkaConsumer<String, String> consumer, String topic) {
        try {
            return consumer.partitionsFor(topic, Duration.ofSeconds(1)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        } catch (org.apache.kafka.common.errors.TimeoutException notYet) {
            return List.of();
        }
    }
}
