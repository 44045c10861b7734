package io.passportsuite.admin.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import io.passportsuite.common.testing.TestKafka;

/** A restart on the same disk resumes where it stopped: no line twice, none missing. */
class LogCollectorTest {

    private final String topic = "test.collector-logs." + UUID.randomUUID();

    @TempDir
    Path dir;

    @Test
    void shouldResumeFromItsSavedPositionAfterARestart() {
        publish("worker", "one", "two", "three");
        LogSettings settings = new LogSettings(true, dir, topic, DataSize.ofMegabytes(1), 3, 16, Duration.ofHours(1),
                List.of("worker"));

        CollectedLogs first = new CollectedLogs(settings);
        LogCollector collector = collector(first, settings);
        collector.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> tail(first).size() == 3);
        collector.stop();

        publish("worker", "four", "five");
        CollectedLogs second = new CollectedLogs(settings);
        LogCollector restarted = collector(second, settings);
        restarted.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> tail(second).size() >= 5);
            assertThat(tail(second)).containsExactly("one", "two", "three", "four", "five");
        } finally {
            restarted.stop();
        }
    }

    @Test
    void shouldKeepCollectingWhenTheDiskRefusesAFlush() {
        LogSettings settings = new LogSettings(true, dir, topic, DataSize.ofMegabytes(1), 3, 16, Duration.ofHours(1),
                List.of("worker"));
        CollectedLogs fullDisk = new CollectedLogs(settings) {
            @Override
            void flush() {
                throw new UncheckedIOException(new IOException("No space left on device"));
            }
        };
        AtomicInteger attempts = new AtomicInteger();
        LogCollector collector = new LogCollector(() -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("no broker yet");
        }, fullDisk, settings, Clock.systemUTC());

        collector.start();
        try {
            // Each attempt fails and flushes on its way out; a flush that threw used to end the thread.
            await().atMost(Duration.ofSeconds(30)).until(() -> attempts.get() >= 3);
            assertThat(collector.isRunning()).isTrue();
        } finally {
            collector.stop();
        }
    }

    private static List<String> tail(CollectedLogs logs) {
        return TailReader.lastLines(logs.current("worker"), 100);
    }

    private static LogCollector collector(CollectedLogs logs, LogSettings settings) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return new LogCollector(() -> new KafkaConsumer<>(config), logs, settings, Clock.systemUTC());
    }

    private void publish(String service, String... lines) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (String line : lines) {
                producer.send(new ProducerRecord<>(topic, service, line));
            }
            producer.flush();
        }
    }
}
