package io.passportsuite.common.logging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;

/**
 * Ships every log line to a Kafka topic, keyed by the service name, in the format of the
 * service's log file. The logging thread only offers the event to a bounded queue: when the
 * queue is full the line is dropped and counted, so a slow or absent broker never slows a request
 * and never fails the service. One background thread with its own producer takes the lines in
 * batches, encodes and sends them. A line the service's console or file output has just built on
 * the logging thread, in the same format, is queued as it is instead of being built again.
 *
 * <p>The Kafka client's own events (and the broker's, in tests) are not shipped: shipping them
 * would feed the producer its own complaints about a broker that is away, for ever.
 */
final class KafkaLogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaLogAppender.class);

    /** Loggers whose events the appender leaves to the other appenders. */
    private static final List<String> NOT_SHIPPED = List.of("org.apache.kafka.", "kafka.", KafkaLogAppender.class.getName());

    private static final Duration DROP_REPORT_INTERVAL = Duration.ofMinutes(1);

    private final Encoder<ILoggingEvent> encoder;
    private final String serviceName;
    private final LogShippingProperties settings;
    private final Map<String, Object> producerConfig;
    private final String clientId;
    /** The environment the file's formatter was made from when it is the shipper's format too; else null. */
    private final Environment builtLinesFrom;
    private final BlockingQueue<Queued> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong shipped = new AtomicLong();

    private volatile Thread sender;
    private volatile boolean stopping;
    private volatile long stopDeadline;
    private long reportedDrops;
    private boolean refusedAtOnce;
    private long lastDropReport = System.nanoTime() - DROP_REPORT_INTERVAL.toNanos();

    /** A line to ship: built already on the logging thread, or its event, encoded on the sender's. */
    private record Queued(ILoggingEvent event, String line) {
    }

    KafkaLogAppender(Encoder<ILoggingEvent> encoder, Environment builtLinesFrom, String serviceName,
            String bootstrapServers, Map<String, Object> extraProducerConfig, LogShippingProperties settings) {
        this.encoder = encoder;
        this.builtLinesFrom = builtLinesFrom;
        this.serviceName = serviceName;
        this.settings = settings;
        this.clientId = "log-shipper-" + serviceName + "-" + Integer.toHexString(System.identityHashCode(this));
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.producerConfig = producerConfig(bootstrapServers, extraProducerConfig, settings, clientId);
        setName("SUITE_KAFKA");
    }

    private static Map<String, Object> producerConfig(String bootstrapServers, Map<String, Object> extra,
            LogShippingProperties settings, String clientId) {
        Map<String, Object> config = new HashMap<>(extra);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        // A log line lost to a broker failover is acceptable; waiting for every replica is not worth it.
        config.put(ProducerConfig.ACKS_CONFIG, "1");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 100);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 8L * 1024 * 1024);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.maxBlock().toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 10_000);
        return config;
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        stopping = false;
        Thread thread = Thread.ofPlatform().daemon().name("log-shipper").unstarted(this::sendUntilStopped);
        sender = thread;
        super.start();
        thread.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (stopping || !shipped(event)) {
            return;
        }
        // The gateway's access log is a line per request: building it twice cost the gateway a
        // sixth of its allocations and a thread's worth of JSON writing.
        String built = builtLinesFrom == null ? null : EcsLogFormatter.lineBuiltFor(event, builtLinesFrom);
        if (built == null) {
            // As Logback's AsyncAppender does: fix the message, MDC and thread name now, encode later.
            event.prepareForDeferredProcessing();
        }
        if (!queue.offer(built == null ? new Queued(event, null) : new Queued(null, built))) {
            dropped.incrementAndGet();
        }
    }

    private boolean shipped(ILoggingEvent event) {
        Thread current = Thread.currentThread();
        if (current == sender || current.getName().contains(clientId)) {
            return false;
        }
        String logger = event.getLoggerName();
        for (String prefix : NOT_SHIPPED) {
            if (logger.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Stops taking lines and gives the queued ones at most {@code closeTimeout} to reach the
     * broker; what is left then is dropped and counted.
     */
    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        stopDeadline = System.nanoTime() + settings.closeTimeout().toNanos();
        stopping = true;
        super.stop();
        Thread thread = sender;
        if (thread != null) {
            try {
                thread.join(settings.closeTimeout().plusSeconds(1));
                if (thread.isAlive()) {
                    // Still waiting on a broker that is away: the producer gives up when interrupted.
                    thread.interrupt();
                    thread.join(Duration.ofSeconds(1));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Lines dropped so far: logged while the queue was full, or refused by the broker. */
    long dropped() {
        return dropped.get();
    }

    /** Lines the broker acknowledged so far. */
    long shipped() {
        return shipped.get();
    }

    /** Whether the background sender still runs: after {@link #stop()} it must not. */
    boolean sending() {
        Thread thread = sender;
        return thread != null && thread.isAlive();
    }

    private void sendUntilStopped() {
        Producer<String, String> producer;
        try {
            producer = new KafkaProducer<>(producerConfig);
        } catch (RuntimeException e) {
            addError("Cannot create the log producer; log lines are not shipped", e);
            dropUntilStopped();
            return;
        }
        List<Queued> batch = new ArrayList<>(settings.batchSize());
        try {
            long backoffMillis = 0;
            while (!stopping || ((!batch.isEmpty() || !queue.isEmpty()) && System.nanoTime() < stopDeadline)) {
                if (batch.isEmpty()) {
                    Queued first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first != null) {
                        batch.add(first);
                        queue.drainTo(batch, settings.batchSize() - 1);
                    }
                }
                int unsent = send(producer, batch);
                batch.subList(0, batch.size() - unsent).clear();
                if (unsent > 0 && !stopping) {
                    // The broker is away: the unsent lines wait here (the queue behind them fills
                    // and drops) and are tried again, less often the longer it stays away.
                    backoffMillis = Math.min(Math.max(2 * backoffMillis, 100), 5_000);
                    Thread.sleep(backoffMillis);
                } else if (unsent == 0) {
                    backoffMillis = 0;
                }
                reportDrops();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            dropped.addAndGet(queue.size() + batch.size());
            queue.clear();
            long left = Math.max(0, stopDeadline - System.nanoTime());
            producer.close(stopping ? Duration.ofNanos(left) : Duration.ZERO);
            reportDrops();
        }
    }

    /** Sends the batch in order; returns how many lines at its end could not be handed to the producer. */
    private int send(Producer<String, String> producer, List<Queued> batch) {
        for (int i = 0; i < batch.size(); i++) {
            String line = line(batch.get(i));
            if (line.isEmpty()) {
                continue;
            }
            refusedAtOnce = false;
            try {
                producer.send(new ProducerRecord<>(settings.topic(), serviceName, line), (metadata, failure) -> {
                    if (failure == null) {
                        shipped.incrementAndGet();
                    } else if (Thread.currentThread() == sender && brokerAway(failure)) {
                        // Called from within send(): no metadata within maxBlock, the record never left.
                        refusedAtOnce = true;
                    } else {
                        // Refused for itself (too large...), or failed later on the producer's I/O
                        // thread: count, never log from here.
                        dropped.incrementAndGet();
                    }
                });
            } catch (RuntimeException failure) {
                if (brokerAway(failure)) {
                    refusedAtOnce = true;
                } else {
                    dropped.incrementAndGet();
                }
            }
            if (refusedAtOnce) {
                // No metadata or no buffer space within maxBlock (or interrupted on close): the next
                // lines would wait as long again each, so the rest of the batch waits for the next round.
                return batch.size() - i;
            }
        }
        return 0;
    }

    /** Whether trying the same line again later may succeed: the broker did not answer in time, or closing interrupted. */
    private static boolean brokerAway(Throwable failure) {
        return failure instanceof org.apache.kafka.common.errors.TimeoutException
                || failure instanceof org.apache.kafka.common.errors.InterruptException;
    }

    private String line(Queued queued) {
        if (queued.line() != null) {
            return queued.line().stripTrailing();
        }
        try {
            return new String(encoder.encode(queued.event()), StandardCharsets.UTF_8).stripTrailing();
        } catch (RuntimeException e) {
            dropped.incrementAndGet();
            return "";
        }
    }

    private void dropUntilStopped() {
        while (!stopping) {
            try {
                Queued queued = queue.poll(200, TimeUnit.MILLISECONDS);
                if (queued != null) {
                    dropped.addAndGet(1 + queue.size());
                    queue.clear();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // At most once a minute, from the sender thread, whose own lines are not shipped.
    private void reportDrops() {
        long now = System.nanoTime();
        long total = dropped.get();
        if (total > reportedDrops && (stopping || now - lastDropReport >= DROP_REPORT_INTERVAL.toNanos())) {
            LOG.warn("{} log lines were not shipped to Kafka topic {} ({} in all): the queue was full or the broker away",
                    total - reportedDrops, settings.topic(), total);
            reportedDrops = total;
            lastDropReport = now;
        }
    }
}
