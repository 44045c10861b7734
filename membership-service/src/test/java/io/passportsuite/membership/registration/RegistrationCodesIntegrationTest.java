package io.passportsuite.membership.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import io.passportsuite.common.events.EventEnvelope;
import io.passportsuite.common.events.Topics;
import io.passportsuite.common.events.user.UserRegistered;
import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.membership.SuiteCalls;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "passport.internal.credential=" + SuiteCalls.CREDENTIAL)
@RealInfrastructure
class RegistrationCodesIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @LocalServerPort
    private int port;

    @Autowired
    private KafkaTemplate<String, String> kafka;

    @Autowired
    private JsonMapper json;

    @Autowired
    private JdbcClient jdbc;

    private SuiteCalls calls;

    @BeforeEach
    void setUp() {
        calls = new SuiteCalls(port);
    }

    @Test
    void shouldRedeemTheCodeARegistrationCarriesOnceEvenWhenTheEventComesTwice() throws Exception {
        UUID user = UUID.randomUUID();
        String code = calls.invite("member", 5);
        EventEnvelope registration = registration(user, code.toLowerCase());

        publish(user, registration);
        await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(calls.get("/api/membership/me", user).json().get("tier").asString()).isEqualTo("member"));

        publish(user, registration);
        EventEnvelope marker = registration(UUID.randomUUID(), "NOPE");
        // Same key, same partition: once the marker is handled, the redelivery before it was too.
        publish(user, marker);
        await().atMost(TIMEOUT).until(() -> ignoredReason(marker.eventId()) != null);

        assertThat(count("SELECT count(*) FROM redemption WHERE user_id = :id", user)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM processed_event WHERE event_id = :id", registration.eventId())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE event_key = :id", user.toString())).isEqualTo(1);
        assertThat(jdbc.sql("SELECT revision FROM membership WHERE user_id = :id").param("id", user).query(Long.class).single())
                .isEqualTo(1L);
    }

    @Test
    void shouldRecordAndIgnoreACodeThatRedeemsNothing() throws Exception {
        UUID user = UUID.randomUUID();
        String exhausted = calls.invite("member", 1);
        calls.redeem(UUID.randomUUID(), exhausted);
        EventEnvelope unknown = registration(user, "ZZZZ-ZZZZ-ZZZZ-ZZZZ");
        EventEnvelope used = registration(UUID.randomUUID(), exhausted);

        publish(user, unknown);
        publish(user, used);

        await().atMost(TIMEOUT).until(() -> ignoredReason(used.eventId()) != null);
        assertThat(ignoredReason(unknown.eventId())).isEqualTo("unknown");
        assertThat(ignoredReason(used.eventId())).isEqualTo("exhausted");
        String stored = jdbc.sql("SELECT code_digest FROM ignored_invite_code WHERE event_id = :id")
                .param("id", unknown.eventId()).query(String.class).single();
        assertThat(stored).doesNotContain("ZZZZ");
        assertThat(calls.get("/api/membership/me", user).json().get("tier").asString()).isEqualTo("free");
    }

    @Test
    void shouldLeaveOtherEventsAndRegistrationsWithoutACodeAlone() throws Exception {
        UUID user = UUID.randomUUID();
        EventEnvelope loggedIn = EventEnvelope.newEvent("user.logged-in", 1, SuiteCalls.APP, user.toString(),
                json.valueToTree(Map.of("userId", user.toString(), "inviteCode", "ABCD-EFGH-JKMN-PQRS")));
        EventEnvelope withoutCode = registration(user, null);
        EventEnvelope marker = registration(UUID.randomUUID(), "NOPE");

        kafka.send(Topics.USER_EVENTS, user.toString(), "not json").get(30, TimeUnit.SECONDS);
        publish(user, loggedIn);
        publish(user, withoutCode);
        publish(user, marker);

        await().atMost(TIMEOUT).until(() -> ignoredReason(marker.eventId()) != null);
        assertThat(count("SELECT count(*) FROM processed_event WHERE event_id = :id", loggedIn.eventId())).isZero();
        assertThat(ignoredReason(loggedIn.eventId())).isNull();
        assertThat(ignoredReason(withoutCode.eventId())).isNull();
    }

    private EventEnvelope registration(UUID user, String code) {
        UserRegistered registered = new UserRegistered(user, "u" + user.toString().substring(0, 8), null, null, null, 0, code, "chat");
        return EventEnvelope.newEvent(UserRegistered.TYPE, UserRegistered.VERSION, SuiteCalls.APP, user.toString(),
                json.valueToTree(registered));
    }

    private void publish(UUID key, EventEnvelope envelope) throws Exception {
        kafka.send(Topics.USER_EVENTS, key.toString(), json.writeValueAsString(envelope)).get(30, TimeUnit.SECONDS);
    }

    private String ignoredReason(UUID eventId) {
        return jdbc.sql("SELECT reason FROM ignored_invite_code WHERE event_id = :id").param("id", eventId)
                .query(String.class).optional().orElse(null);
    }

    private int count(String sql, Object id) {
        return jdbc.sql(sql).param("id", id).query(Integer.class).single();
    }
}
