package io.passportsuite.admin.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads the suite's log topic into {@link CollectedLogs}.
 *
 * <p>Every partition is assigned to this consumer by hand instead of joining a consumer group:
 * each admin-service instance keeps its own copy of the files on its own disk (pods share none),
 * so each must see every line; in a shared group each instance would see only its share of the
 * services. Without a group there are no committed offsets either: the position reached is kept
 * next to the files ({@code .positions}), so a restart on the same disk resumes where it stopped
 * and a new disk starts {@code replay} back in time.
 */
final class LogCollector implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(LogCollector.class);

    private static final Duration PARTITION_REFRESH = Duration.ofSeconds(30);
    private static final Duration FLUSH_WARNING_EVERY = Duration.ofMinutes(1);

    private final Supplier<Consumer<String, String>> consumers;
    private final CollectedLogs logs;
    private final LogSettings settings;
    private final Clock clock;
    private final Path positionsFile;

    private volatile boolean running;
    private volatile Consumer<String, String> consumer;
    private Thread thread;
    private long dropped;
    private long lastFlushWarning;

    LogCollector(Supplier<Consumer<String, String>> consumers, CollectedLogs logs, LogSettings settings, Clock clock) {
        this.consumers = consumers;
        this.logs = logs;
        this.settings = settings;
        this.clock = clock;
        this.positionsFile = logs.dir().resolve(".positions");
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("log-collector").start(this::collect);
    }

    @Override
    public void stop() {
        running = false;
        Consumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread == null) {
            return;
        }
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void collect() {
        while (running) {
            try (Consumer<String, String> opened = consumers.get()) {
                consumer = opened;
                collectWith(opened);
            } catch (WakeupException stopping) {
                // stop() asked for it
            } catch (RuntimeException e) {
                LOG.warn("Collecting log lines from {} failed; trying again", settings.topic(), e);
                pause();
            } finally {
                consumer = null;
                flushQuietly();
            }
        }
        logs.close();
    }

    /**
     * A full or failing disk must not end the collector: the thread would die with nothing said and
     * no line collected again. Said once a minute at most, the loop tries again.
     */
    private void flushQuietly() {
        try {
            logs.flush();
        } catch (UncheckedIOException e) {
            long now = System.nanoTime();
            if (lastFlushWarning == 0 || now - lastFlushWarning >= FLUSH_WARNING_EVERY.toNanos()) {
                lastFlushWarning = now;
                LOG.warn("Cannot write the collected log lines to {}; collecting on", logs.dir(), e);
            }
        }
    }

    private void collectWith(Consumer<String, String> consumer) {
        Set<TopicPartition> assigned = new HashSet<>();
        long nextRefresh = 0;
        while (running) {
            if (System.nanoTime() >= nextRefresh) {
                assign(consumer, assigned);
                nextRefresh = System.nanoTime() + PARTITION_REFRESH.toNanos();
            }
            if (assigned.isEmpty()) {
                pause();
                nextRefresh = 0;
                continue;
            }
            ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
            if (records.isEmpty()) {
                continue;
            }
            for (ConsumerRecord<String, String> record : records) {
                if (!logs.append(record.key(), record.value())) {
                    dropped++;
                }
            }
            logs.flush();
            savePositions(consumer, assigned);
        }
    }

    /** Takes every partition of the topic, new ones included, starting each where this disk left it. */
    private void assign(Consumer<String, String> consumer, Set<TopicPartition> assigned) {
        Set<TopicPartition> all;
        try {
            all = consumer.partitionsFor(settings.topic(), Duration.ofSeconds(5)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).collect(Collectors.toSet());
        } catch (org.apache.kafka.common.errors.TimeoutException notYet) {
            return;
        }
        if (all.isEmpty() || all.equals(assigned)) {
            return;
        }
        Set<TopicPartition> added = new HashSet<>(all);
        added.removeAll(assigned);
        consumer.assign(all);
        Map<Integer, Long> saved = loadPositions();
        Map<TopicPartition, Long> fromTime = new HashMap<>();
        long since = clock.millis() - settings.replay().toMillis();
        for (TopicPartition partition : added) {
            Long position = saved.get(partition.partition());
            if (position != null) {
                consumer.seek(partition, position);
            } else {
                fromTime.put(partition, since);
            }
        }
        if (!fromTime.isEmpty()) {
            // The ends first: a line that arrives between the two look-ups is then still read.
            Map<TopicPartition, Long> ends = consumer.endOffsets(fromTime.keySet(), Duration.ofSeconds(10));
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(fromTime, Duration.ofSeconds(10));
            for (TopicPartition partition : fromTime.keySet()) {
                OffsetAndTimestamp offset = offsets.get(partition);
                consumer.seek(partition, offset != null ? offset.offset() : ends.get(partition));
            }
        }
        assigned.clear();
        assigned.addAll(all);
        LOG.info("Collecting log lines from {} partitions of {} into {} ({} lines dropped so far)", all.size(),
                settings.topic(), logs.dir(), dropped);
    }

    private Map<Integer, Long> loadPositions() {
        try {
            Map<Integer, Long> positions = new HashMap<>();
            for (String line : Files.readAllLines(positionsFile, StandardCharsets.UTF_8)) {
                // topic:partition=offset
                int colon = line.lastIndexOf(':');
                int equals = line.indexOf('=', colon + 1);
                if (colon > 0 && equals > colon && line.substring(0, colon).equals(settings.topic())) {
                    positions.put(Integer.parseInt(line.substring(colon + 1, equals)), Long.parseLong(line.substring(equals + 1)));
                }
            }
            return positions;
        } catch (NoSuchFileException none) {
            return Map.of();
        } catch (IOException | RuntimeException unreadable) {
            LOG.warn("Cannot read {}; starting {} back in time", positionsFile, settings.replay());
            return Map.of();
        }
    }

    private void savePositions(Consumer<String, String> consumer, Set<TopicPartition> assigned) {
        StringBuilder text = new StringBuilder();
        for (TopicPartition partition : assigned) {
            text.append(settings.topic()).append(':').append(partition.partition()).append('=')
                    .append(consumer.position(partition)).append('\n');
        }
        try {
            Path temporary = positionsFile.resolveSibling(".positions.tmp");
            Files.createDirectories(positionsFile.getParent());
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, positionsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the log positions to " + positionsFile, e);
        }
    }

    private void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
