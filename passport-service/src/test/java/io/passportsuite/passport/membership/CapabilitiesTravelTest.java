package io.passportsuite.passport.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.passportsuite.common.events.EventEnvelope;
import io.passportsuite.common.events.Topics;
import io.passportsuite.common.events.membership.MembershipChanged;
import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.common.testing.TestKafka;
import io.passportsuite.common.web.SuiteHeaders;
import io.passportsuite.passport.api.Apps;
import io.passportsuite.passport.api.Http;
import io.passportsuite.passport.app.AppAdministration;
import io.passportsuite.passport.app.PasswordPolicy;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Membership changes published on Kafka reach the projection, and from there the tokens issued
 * afterwards and the answers of both validate endpoints. A consumer group of its own makes this
 * class read the topic from its start whatever other classes of the JVM consumed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class CapabilitiesTravelTest {

    private static final String CREDENTIAL = "test-credential-5mJx8Qw2Lr7Vb4Nc9Zk1Hp6Td3";
    private static final List<String> MEMBER = List.of("cloud:deploy", "server:create");
    private static final List<String> PRO = List.of("cloud:deploy", "server:create", "invite:create", "oauth_app:create");
    private static final JsonMapper json = new JsonMapper();

    private static KafkaProducer<String, String> producer;

    @LocalServerPort
    private int port;

    @Autowired
    private AppAdministration administration;

    @Autowired
    private CapabilityProjection projection;

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @Autowired
    private JdbcClient jdbc;

    private Http http;
    private Apps.TestApp app;

    @DynamicPropertySource
    static void groupOfItsOwn(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.consumer.group-id", () -> "passport-capabilities-" + UUID.randomUUID());
    }

    @BeforeAll
    static void openProducer() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    @BeforeEach
    void setUp() {
        http = new Http(port);
        app = Apps.create(administration, new PasswordPolicy(6, 100, false));
    }

    @Test
    void shouldPutProjectedCapabilitiesInTokensIssuedAfterwardsAndInValidateAnswers() {
        String userId = register("caps@example.com");
        String before = login("caps@example.com");
        assertThat(payloadOf(before).has("caps")).as("a token of a user without capabilities has no caps claim").isFalse();
        assertThat(canonicalValidation(before).get("capabilities").isEmpty()).isTrue();
        assertThat(internalValidation(before).get("capabilities").isEmpty()).isTrue();

        publish(changed(userId, app.appId(), MEMBER, 1));
        awaitCapabilities(app.appId(), userId, MEMBER);

        String after = login("caps@example.com");
        assertThat(strings(payloadOf(after).get("caps"))).isEqualTo(MEMBER);
        assertThat(strings(canonicalValidation(after).get("capabilities"))).isEqualTo(MEMBER);
        assertThat(strings(internalValidation(after).get("capabilities"))).isEqualTo(MEMBER);
        // A token answers with what it was issued with, until the next one is issued.
        assertThat(canonicalValidation(before).get("capabilities").isEmpty()).isTrue();
    }

    @Test
    void shouldPutThemInTheTokenOfARefresh() {
        Http.Response registered = http.post("/api/auth/register", """
                {"email":"refresh-caps@example.com","password":"secure-password1"}
                """);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String userId = registered.json().get("user").get("id").asString();
        assertThat(payloadOf(registered.text("accessToken")).has("caps")).isFalse();

        publish(changed(userId, "default", PRO, 4));
        awaitCapabilities("default", userId, PRO);

        Http.Response refreshed = http.post("/api/auth/refresh", "{\"refreshToken\":\"" + registered.text("refreshToken") + "\"}");
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        assertThat(strings(payloadOf(refreshed.text("accessToken")).get("caps"))).isEqualTo(PRO);
        assertThat(strings(internalValidation(refreshed.text("accessToken")).get("capabilities"))).isEqualTo(PRO);
    }

    @Test
    void shouldIgnoreAnOlderRevisionArrivingAfterANewerOne() {
        String userId = UUID.randomUUID().toString();
        publish(changed(userId, app.appId(), PRO, 7));
        awaitCapabilities(app.appId(), userId, PRO);

        EventEnvelope older = changed(userId, app.appId(), List.of(), 6);
        publish(older);
        await(() -> processed(older.eventId()), "the older event is consumed");

        assertThat(projection.capabilitiesOf(app.appId(), UUID.fromString(userId))).isEqualTo(PRO);
        assertThat(revisionOf(userId)).isEqualTo(7);
    }

    @Test
    void shouldApplyTheSameEventOnlyOnce() {
        UUID userId = UUID.randomUUID();
        EventEnvelope event = changed(userId.toString(), app.appId(), MEMBER, 2);
        String record = json.writeValueAsString(event);

        assertThat(projection.apply(record)).isEqualTo(new CapabilityProjection.Projection.Projected(userId, MEMBER, 2));
        assertThat(projection.apply(record)).isEqualTo(new CapabilityProjection.Projection.Duplicate());
        assertThat(projection.apply(json.writeValueAsString(changed(userId.toString(), app.appId(), PRO, 1))))
                .isEqualTo(new CapabilityProjection.Projection.Stale());
        assertThat(projection.capabilitiesOf(app.appId(), userId)).isEqualTo(MEMBER);

        // Through Kafka: a redelivered copy is passed over, and what follows it on the partition applies.
        UUID other = UUID.randomUUID();
        EventEnvelope first = changed(other.toString(), app.appId(), MEMBER, 1);
        publish(first);
        publish(first);
        publish(changed(other.toString(), app.appId(), PRO, 2));
        awaitCapabilities(app.appId(), other.toString(), PRO);
        assertThat(processed(first.eventId())).isTrue();
    }

    @Test
    void shouldSkipWhatItCannotApply() {
        UUID userId = UUID.randomUUID();
        assertThat(projection.apply("{not json")).isInstanceOf(CapabilityProjection.Projection.Skipped.class);
        assertThat(projection.apply(json.writeValueAsString(EventEnvelope.newEvent("membership.other", 1, app.appId(),
                userId.toString(), json.valueToTree(Map.of("x", 1)))))).isInstanceOf(CapabilityProjection.Projection.Skipped.class);
        assertThat(projection.apply(json.writeValueAsString(changed(userId.toString(), app.appId(), List.of("cloud:deploy,admin"), 1))))
                .isInstanceOf(CapabilityProjection.Projection.Skipped.class);
        assertThat(projection.capabilitiesOf(app.appId(), userId)).isEmpty();
    }

    @Test
    void shouldCatchUpWithWhatWasPublishedWhileItWasNotConsuming() {
        String userId = UUID.randomUUID().toString();
        listeners.getListenerContainers().forEach(container -> container.stop());
        try {
            publish(changed(userId, app.appId(), MEMBER, 1));
            publish(changed(userId, app.appId(), PRO, 2));
            sleep(Duration.ofSeconds(2));
            assertThat(projection.capabilitiesOf(app.appId(), UUID.fromString(userId))).isEmpty();
        } finally {
            listeners.getListenerContainers().forEach(container -> container.start());
        }
        awaitCapabilities(app.appId(), userId, PRO);
        assertThat(revisionOf(userId)).isEqualTo(2);
    }

    @Test
    void shouldNotLetAnotherAppsMembershipIntoATokenOfThisApp() {
        String userId = register("other-app@example.com");
        EventEnvelope elsewhere = changed(userId, "another-app", PRO, 1);
        publish(elsewhere);
        await(() -> processed(elsewhere.eventId()), "the event is consumed");

        assertThat(payloadOf(login("other-app@example.com")).has("caps")).isFalse();
    }

    @Test
    void shouldKeepEachAppsMembershipAndRevisionsApart() {
        UUID userId = UUID.randomUUID();
        assertThat(projection.apply(json.writeValueAsString(changed(userId.toString(), app.appId(), PRO, 1))))
                .isInstanceOf(CapabilityProjection.Projection.Projected.class);
        // The same user id in another app, far ahead in its own revisions: neither replaces nor holds back this app's.
        assertThat(projection.apply(json.writeValueAsString(changed(userId.toString(), "another-app", List.of(), 5))))
                .isInstanceOf(CapabilityProjection.Projection.Projected.class);
        assertThat(projection.apply(json.writeValueAsString(changed(userId.toString(), app.appId(), MEMBER, 2))))
                .isInstanceOf(CapabilityProjection.Projection.Projected.class);

        assertThat(projection.capabilitiesOf(app.appId(), userId)).isEqualTo(MEMBER);
        assertThat(projection.capabilitiesOf("another-app", userId)).isEmpty();
    }

    @Test
    void shouldSkipCapabilityNamesMembershipWouldNeverSend() {
        UUID userId = UUID.randomUUID();
        assertThat(projection.apply(json.writeValueAsString(changed(userId.toString(), app.appId(),
                List.of("a".repeat(70) + ":deploy"), 1)))).isInstanceOf(CapabilityProjection.Projection.Skipped.class);
    }

    private String register(String email) {
        Http.Response registered = http.post("/auth/v1/register", """
                {"nickname":"n","password":"secret1","contact_type":"email","contact":"%s","app_id":"%s"}
                """.formatted(email, app.appId()), "Authorization", app.authorization());
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return registered.text("userId");
    }

    private String login(String email) {
        Http.Response response = http.post("/auth/v1/login", """
                {"contact_type":"email","contact":"%s","password":"secret1","app_id":"%s"}
                """.formatted(email, app.appId()), "Authorization", app.authorization());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.text("access_token");
    }

    private JsonNode canonicalValidation(String token) {
        Http.Response validated = http.post("/auth/v1/token/validate", "{\"token\":\"" + token + "\"}",
                "Authorization", app.authorization());
        assertThat(validated.status()).as(validated.toString()).isEqualTo(200);
        return validated.json();
    }

    private JsonNode internalValidation(String token) {
        Http.Response validated = http.post("/internal/tokens/validate", "{\"token\":\"" + token + "\"}",
                SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
        assertThat(validated.status()).as(validated.toString()).isEqualTo(200);
        return validated.json();
    }

    private static EventEnvelope changed(String userId, String appId, List<String> capabilities, long revision) {
        boolean member = !capabilities.isEmpty();
        MembershipChanged change = new MembershipChanged(UUID.fromString(userId), appId, member ? "member" : "free",
                member ? 1 : 0, "active", member, capabilities, revision);
        return EventEnvelope.newEvent(MembershipChanged.TYPE, MembershipChanged.VERSION, appId, userId, json.valueToTree(change));
    }

    private static void publish(EventEnvelope event) {
        try {
            producer.send(new ProducerRecord<>(Topics.MEMBERSHIP_EVENTS, event.subject(), json.writeValueAsString(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + event.eventId(), e);
        }
    }

    private void awaitCapabilities(String appId, String userId, List<String> expected) {
        await(() -> projection.capabilitiesOf(appId, UUID.fromString(userId)).equals(expected),
                "capabilities " + expected + " of user " + userId);
    }

    private boolean processed(UUID eventId) {
        return jdbc.sql("SELECT count(*) FROM processed_event WHERE consumer = :consumer AND event_id = :eventId")
                .param("consumer", CapabilityProjection.CONSUMER).param("eventId", eventId)
                .query(Long.class).single() > 0;
    }

    private long revisionOf(String userId) {
        return jdbc.sql("SELECT revision FROM user_capabilities WHERE user_id = :userId")
                .param("userId", UUID.fromString(userId)).query(Long.class).single();
    }

    private static JsonNode payloadOf(String token) {
        return json.readTree(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private static List<String> strings(JsonNode array) {
        assertThat(array).as("a list").isNotNull();
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited for " + what).isLessThan(deadline);
            sleep(Duration.ofMillis(200));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
