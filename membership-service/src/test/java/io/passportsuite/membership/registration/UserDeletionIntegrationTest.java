package io.passportsuite.membership.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
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
import io.passportsuite.common.events.user.UserDeleted;
import io.passportsuite.common.events.user.UserRegistered;
import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.membership.SuiteCalls;
import tools.jackson.databind.json.JsonMapper;

/** A user passport deleted (user.deleted) leaves nothing here: membership, overrides, redemptions, invites they made, ignored codes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "passport.internal.credential=" + SuiteCalls.CREDENTIAL)
@RealInfrastructure
class UserDeletionIntegrationTest {

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
    void shouldEraseEverythingKeptOfADeletedUserOnceAndLeaveOthersAlone() throws Exception {
        UUID user = UUID.randomUUID();
        UUID bystander = UUID.randomUUID();
        String code = calls.invite("member", 5);
        assertThat(calls.redeem(user, code).status()).isEqualTo(200);
        assertThat(calls.redeem(bystander, code).status()).isEqualTo(200);
        jdbc.sql("INSERT INTO capability_override (app_id, user_id, capability, kind) VALUES ('default', :user, 'cloud:deploy', 'revoke')")
                .param("user", user).update();
        UUID theirInvite = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO invite (id, app_id, code_digest, tier, max_uses, uses, expires_at, created_by)
                VALUES (:id, 'default', :digest, 'member', 3, 1, now() + interval '1 day', :user)""")
                .param("id", theirInvite).param("digest", "digest-" + theirInvite).param("user", user).update();
        EventEnvelope ignoredRegistration = registration(user, "NOPE");
        publish(user, ignoredRegistration);
        await().atMost(TIMEOUT).until(() -> count("SELECT count(*) FROM ignored_invite_code WHERE user_id = :id", user) == 1);
        int outboxBefore = count("SELECT count(*) FROM outbox_event WHERE event_key = :id", user.toString());
        EventEnvelope deletion = deletion(user);

        publish(user, deletion);

        await().atMost(TIMEOUT).until(() -> count("SELECT count(*) FROM processed_event WHERE event_id = :id", deletion.eventId()) == 1);
        assertErased(user, theirInvite);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE event_key = :id", user.toString()))
                .as("no membership.changed for an account that is gone").isEqualTo(outboxBefore);
        assertThat(calls.get("/api/membership/me", bystander).json().get("tier").asString()).isEqualTo("member");
        assertThat(count("SELECT count(*) FROM redemption WHERE user_id = :id", bystander)).isEqualTo(1);

        // A redelivery is harmless: once the marker after it (same key) is handled, it was read too.
        publish(user, deletion);
        EventEnvelope marker = registration(UUID.randomUUID(), "NOPE");
        publish(user, marker);
        await().atMost(TIMEOUT).until(() -> count("SELECT count(*) FROM ignored_invite_code WHERE event_id = :id", marker.eventId()) == 1);
        assertThat(count("SELECT count(*) FROM processed_event WHERE event_id = :id", deletion.eventId())).isEqualTo(1);
        assertErased(user, theirInvite);
        assertThat(calls.get("/api/membership/me", bystander).json().get("tier").asString()).isEqualTo("member");
    }

    @Test
    void shouldTakeTheDeletionOfAUserItNeverKnewInItsStride() throws Exception {
        UUID stranger = UUID.randomUUID();
        EventEnvelope deletion = deletion(stranger);

        publish(stranger, deletion);

        await().atMost(TIMEOUT).until(() -> count("SELECT count(*) FROM processed_event WHERE event_id = :id", deletion.eventId()) == 1);
        assertThat(count("SELECT count(*) FROM membership WHERE user_id = :id", stranger)).isZero();
        assertThat(calls.get("/api/membership/me", stranger).json().get("tier").asString()).isEqualTo("free");
    }

    private void assertErased(UUID user, UUID theirInvite) {
        assertThat(count("SELECT count(*) FROM membership WHERE user_id = :id", user)).isZero();
        assertThat(count("SELECT count(*) FROM capability_override WHERE user_id = :id", user)).isZero();
        assertThat(count("SELECT count(*) FROM redemption WHERE user_id = :id", user)).isZero();
        assertThat(count("SELECT count(*) FROM ignored_invite_code WHERE user_id = :id", user)).isZero();
        assertThat(count("SELECT count(*) FROM invite WHERE created_by = :id", user)).isZero();
        assertThat(count("SELECT count(*) FROM invite WHERE id = :id AND revoked_at IS NOT NULL AND uses = 1", theirInvite))
                .as("the invite they made stays, revoked, with its uses").isEqualTo(1);
    }

    private EventEnvelope deletion(UUID user) {
        return EventEnvelope.newEvent(UserDeleted.TYPE, UserDeleted.VERSION, SuiteCalls.APP, user.toString(),
                json.valueToTree(new UserDeleted(user, null)));
    }

    private EventEnvelope registration(UUID user, String code) {
        UserRegistered registered = new UserRegistered(user, "u" + user.toString().substring(0, 8), null, null, null, 0, code, "chat");
        return EventEnvelope.newEvent(UserRegistered.TYPE, UserRegistered.VERSION, SuiteCalls.APP, user.toString(),
                json.valueToTree(registered));
    }

    private void publish(UUID key, EventEnvelope envelope) throws Exception {
        kafka.send(Topics.USER_EVENTS, key.toString(), json.writeValueAsString(envelope)).get(30, TimeUnit.SECONDS);
    }

    private int count(String sql, Object id) {
        return jdbc.sql(sql).param("id", id).query(Integer.class).single();
    }
}
