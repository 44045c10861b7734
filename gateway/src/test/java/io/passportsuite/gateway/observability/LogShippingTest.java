package io.passportsuite.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.passportsuite.common.logging.LogShipping;
import io.passportsuite.common.testing.TestKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The reactive gateway ships its log lines to Kafka as the servlet services do. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "passport.logs.shipping.enabled=true"})
class LogShippingTest {

    private static final String TOPIC = "test.gateway-logs." + UUID.randomUUID();

    @Autowired
    private LogShipping shipping;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("passport.logs.shipping.topic", () -> TOPIC);
    }

    @Test
    void shouldShipItsLinesKeyedByItsName() {
        String marker = UUID.randomUUID().toString();
        LoggerFactory.getLogger(LogShippingTest.class).info("gateway line {}", marker);

        List<ConsumerRecord<String, String>> records = TestKafka.readFromStart(TOPIC,
                record -> record.value().contains(marker), 1, Duration.ofSeconds(60));

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("gateway");
            JsonNode line = new JsonMapper().readTree(record.value());
            assertThat(line.get("message").asString()).isEqualTo("gateway line " + marker);
            assertThat(line.get("service").get("name").asString()).isEqualTo("gateway");
        });
        assertThat(shipping.shipped()).isPositive();
    }
}
