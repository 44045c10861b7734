package io.passportsuite.passport.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.passportsuite.common.events.EventEnvelope;
import io.passportsuite.common.events.Topics;
import io.passportsuite.common.events.membership.MembershipChanged;
import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.common.testing.TestKafka;
import io.passportsuite.passport.api.Http;
import io.passportsuite.passport.membership.CapabilityProjection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kafka is not there when the service starts, and memberships change meanwhile: tokens are still
 * issued (without the capabilities passport has not heard of yet), and once a broker answers the
 * projection catches up with what was published and the next token carries it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(kafka = false)
class MembershipEventsWhileKafkaIsAwayTest {

    private static final int KAFKA_PORT = BootstrapForwarder.freePort();
    private static final List<String> MEMBER = List.of("cloud:deploy", "server:create");
    private static final JsonMapper json = new JsonMapper();
    private static BootstrapForwarder forwarder;

    @LocalServerPort
    private int port;

    @Autowired
    private CapabilityProjection projection;

    @DynamicPropertySource
    static void kafkaWhereNothingListensYet(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + KAFKA_PORT);
        registry.add("spring.kafka.consumer.group-id", () -> "passport-kafka-away-" + UUID.randomUUID());
    }

    @AfterAll
    static void stopForwarder() throws IOException {
        if (forwarder != null) {
            forwarder.close();
        }
    }

    @Test
    void shouldCatchUpWithMembershipsChangedWhileKafkaWasAway() throws Exception {
        Http http = new Http(port);
        Http.Response registered = http.post("/api/auth/register", """
                {"email":"away-member@example.com","password":"secure-password1"}
                """);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        UUID userId = UUID.fromString(registered.json().get("user").get("id").asString());
        publishToTheBroker(userId, MEMBER, 1);

        Thread.sleep(2_000);
        assertThat(projection.capabilitiesOf("default", userId)).isEmpty();
        assertThat(payloadOf(login(http)).has("caps")).isFalse();

        forwarder = new BootstrapForwarder(KAFKA_PORT, TestKafka.bootstrapServers());

        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (projection.capabilitiesOf("default", userId).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(projection.capabilitiesOf("default", userId)).isEqualTo(MEMBER);
        assertThat(payloadOf(login(http)).get("caps").valueStream().map(JsonNode::asString).toList()).isEqualTo(MEMBER);
    }

    private static String login(Http http) {
        Http.Response login = http.post("/api/auth/login", """
                {"email":"away-member@example.com","password":"secure-password1"}
                """);
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.text("accessToken");
    }

    /** Straight to the test broker, which the service cannot reach yet. */
    private static void publishToTheBroker(UUID userId, List<String> capabilities, long revision) throws Exception {
        MembershipChanged change = new MembershipChanged(userId, "default", "member", 1, "active", true, capabilities, revision);
        EventEnvelope event = EventEnvelope.newEvent(MembershipChanged.TYPE, MembershipChanged.VERSION, "default", userId.toString(),
                json.valueToTree(change));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.MEMBERSHIP_EVENTS, event.subject(), json.writeValueAsString(event))).get();
        }
    }

    private static JsonNode payloadOf(String token) {
        return json.readTree(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }
}
