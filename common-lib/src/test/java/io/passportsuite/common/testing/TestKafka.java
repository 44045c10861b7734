package io.passportsuite.common.testing;

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
}
