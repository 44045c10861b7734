package io.passportsuite.admin.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import io.passportsuite.admin.support.AdminCalls;
import io.passportsuite.admin.support.FakePassport;
import io.passportsuite.common.eventing.OutboxWriter;
import io.passportsuite.common.events.EventEnvelope;
import io.passportsuite.common.events.Topics;
import io.passportsuite.common.events.user.LoginFailed;
import io.passportsuite.common.events.user.UserDeleted;
import io.passportsuite.common.events.user.UserLoggedIn;
import io.passportsuite.common.events.user.UserRegistered;
import io.passportsuite.common.retention.PeriodicPurge;
import io.passportsuite.common.testing.RealInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Passport's user events, written to an outbox and relayed to Kafka as passport's relay does,
 * read back through {@code GET /admin/users/:id/activity}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "passport.internal.credential=" + AdminCalls.CREDENTIAL,
        "passport.service.url=http://127.0.0.1:9"})
@RealInfrastructure
class UserActivityIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    @LocalServerPort
    private int port;

    @Autowired
    private OutboxWriter outbox;

    @Autowired
    private TransactionTemplate transaction;

    @Autowired
    private KafkaTemplate<String, String> kafka;

    @Autowired
    private JsonMapper json;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    @Qualifier("activityPurge")
    private PeriodicPurge purge;

    private AdminCalls calls;
    private final String[] admin = AdminCalls.asAdmin(UUID.randomUUID());
    private final UUID user = UUID.randomUUID();

    @BeforeEach
    void setUp() {
        calls = new AdminCalls(port);
    }

    @Test
    void shouldShowWhatTheUserDidNewestFirstWithoutSecrets() {
        relay(event(UserRegistered.TYPE, FakePassport.APP, Instant.now().minusSeconds(60), new UserRegistered(user, "lilei",
                "Li Lei", "li.lei@example.test", "+8613800138000", 1, "INVITE-SECRET", "password")));
        relay(event(UserLoggedIn.TYPE, FakePassport.APP, Instant.now().minusSeconds(30),
                new UserLoggedIn(user, UUID.randomUUID(), "password", "198.51.100.7")));
        relay(event(LoginFailed.TYPE, FakePassport.APP, Instant.now(), new LoginFailed(user, LoginFailed.WRONG_PASSWORD,
                "198.51.100.8")));

        JsonNode activity = awaitActivity(user, 3);

        assertThat(activity.findValuesAsString("type")).containsExactly("login_failed", "logged_in", "registered");
        assertThat(activity.get(0).get("detail").get("reason").asString()).isEqualTo("wrong_password");
        assertThat(activity.get(1).get("detail").get("login_method").asString()).isEqualTo("password");
        assertThat(activity.get(1).get("detail").get("client_ip").asString()).isEqualTo("198.51.100.7");
        assertThat(activity.get(2).get("detail").get("registered_via").asString()).isEqualTo("password");
        assertThat(activity.get(2).get("occurred_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(activity.toString()).doesNotContain("li.lei@example.test", "+8613800138000", "INVITE-SECRET", "lilei");
    }

    @Test
    void shouldKeepAnUnknownTypeUnderItsOwnNameAndTruncateTheUserAgent() {
        String userAgent = "Mozilla/5.0 ".repeat(50);
        relay(event("user.password-changed", FakePassport.APP, Instant.now(),
                new Changed(user, userAgent, "not-copied-secret")));

        JsonNode entry = awaitActivity(user, 1).get(0);

        assertThat(entry.get("type").asString()).isEqualTo("password_changed");
        assertThat(entry.get("detail").get("user_agent").asString()).hasSize(200).isEqualTo(userAgent.substring(0, 200));
        assertThat(entry.get("detail").propertyNames()).containsExactly("user_agent");
    }

    @Test
    void shouldRecordARedeliveredEventOnce() throws Exception {
        EventEnvelope login = event(UserLoggedIn.TYPE, FakePassport.APP, Instant.now().minusSeconds(5),
                new UserLoggedIn(user, UUID.randomUUID(), "sms_code", "198.51.100.9"));
        relay(login);
        sendDirectly(login);
        // Same key, same partition: once this one is recorded, both copies above have been read.
        relay(event(UserLoggedIn.TYPE, FakePassport.APP, Instant.now(), new UserLoggedIn(user, UUID.randomUUID(), "password", null)));

        JsonNode activity = awaitActivity(user, 2);

        assertThat(activity).hasSize(2);
        assertThat(rows(login.eventId())).isEqualTo(1);
    }

    @Test
    void shouldEraseTheActivityOfADeletedUserAndNothingElseAndRecordNoDeletion() throws Exception {
        UUID bystander = UUID.randomUUID();
        relay(event(UserLoggedIn.TYPE, FakePassport.APP, Instant.now().minusSeconds(20),
                new UserLoggedIn(user, UUID.randomUUID(), "password", "192.0.2.5")));
        relay(event(LoginFailed.TYPE, FakePassport.APP, Instant.now().minusSeconds(10), new LoginFailed(user, LoginFailed.WRONG_PASSWORD,
                "192.0.2.5")));
        relay(new EventEnvelope(UUID.randomUUID(), UserLoggedIn.TYPE, 1, Instant.now(), FakePassport.APP, bystander.toString(),
                json.valueToTree(new UserLoggedIn(bystander, UUID.randomUUID(), "password", null))));
        awaitActivity(user, 2);
        awaitActivity(bystander, 1);
        EventEnvelope deleted = event(UserDeleted.TYPE, FakePassport.APP, Instant.now(), new UserDeleted(user, "https://cdn.example.test/a.png"));

        relay(deleted);

        await().atMost(TIMEOUT).until(() -> entriesOf(user) == 0);
        assertThat(activityOf(user)).isEmpty();
        assertThat(activityOf(bystander)).hasSize(1);

        // A redelivered deletion erases nothing more and records nothing: the marker after it (same key) is the only entry.
        sendDirectly(deleted);
        EventEnvelope marker = event(UserLoggedIn.TYPE, FakePassport.APP, Instant.now(), new UserLoggedIn(user, UUID.randomUUID(), "password", null));
        relay(marker);
        JsonNode after = awaitActivity(user, 1);
        assertThat(after).hasSize(1);
        assertThat(rows(marker.eventId())).isEqualTo(1);
        assertThat(rows(deleted.eventId())).isZero();
        assertThat(activityOf(bystander)).hasSize(1);
    }

    @Test
    void shouldNeverShowAnotherAppsEventsForThePlatformApp() {
        EventEnvelope elsewhere = event(UserLoggedIn.TYPE, "tenant-a", Instant.now(),
                new UserLoggedIn(user, UUID.randomUUID(), "password", "192.0.2.1"));
        relay(elsewhere);
        relay(event(UserLoggedIn.TYPE, FakePassport.APP, Instant.now().minusSeconds(10),
                new UserLoggedIn(user, UUID.randomUUID(), "password", "192.0.2.2")));

        JsonNode activity = awaitActivity(user, 1);

        assertThat(activity).hasSize(1);
        assertThat(activity.get(0).get("detail").get("client_ip").asString()).isEqualTo("192.0.2.2");
        assertThat(rows(elsewhere.eventId())).as("recorded, for its own app").isEqualTo(1);
    }

    @Test
    void shouldSkipUnreadableRecordsAndGoOn() throws Exception {
        double skippedBefore = skipped();
        String key = user.toString();
        send(key, "not json at all");
        send(key, "{\"type\":\"user.logged-in\",\"version\":1}");
        send(key, json.writeValueAsString(new EventEnvelope(UUID.randomUUID(), UserLoggedIn.TYPE, 1, Instant.now(),
                FakePassport.APP, "not-a-user-id", json.createObjectNode())));
        // Well-formed JSON that PostgreSQL refuses to store: retrying it would block the partition.
        sendDirectly(event(UserLoggedIn.TYPE, "tenant\u0000a", Instant.now(), new UserLoggedIn(user, UUID.randomUUID(), "password", null)));
        // Passport's outbox (jsonb) could not hold this one; another producer could send it.
        sendDirectly(event(UserLoggedIn.TYPE, FakePassport.APP, Instant.now(),
                new UserLoggedIn(user, UUID.randomUUID(), "password", "192.0.2.\u00003")));

        JsonNode activity = awaitActivity(user, 1);
        assertThat(activity).hasSize(1);
        assertThat(activity.get(0).get("detail").get("client_ip").asString()).isEqualTo("192.0.2.3");
        assertThat(skipped() - skippedBefore).isEqualTo(4);
    }

    @Test
    void shouldPageNewestFirstOnTheTimeAndThenTheRow() {
        Instant base = Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.MILLIS);
        List<Instant> times = List.of(base, base.plusSeconds(1), base.plusSeconds(2), base.plusSeconds(2), base.plusSeconds(3));
        for (Instant time : times) {
            relay(event(UserLoggedIn.TYPE, FakePassport.APP, time, new UserLoggedIn(user, UUID.randomUUID(), "password", null)));
        }
        awaitActivity(user, times.size());

        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String next = null;
        do {
            AdminCalls.Answer page = calls.get("/admin/users/" + user + "/activity?limit=2" + (next == null ? "" : "&before=" + next), admin);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            JsonNode data = page.json().get("data");
            sizes.add(data.get("activity").size());
            data.get("activity").forEach(entry -> seen.add(entry.get("occurred_at").asString()));
            next = data.get("next").isNull() ? null : data.get("next").asString();
        } while (next != null && sizes.size() < 10);

        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(seen).containsExactly(iso(times.get(4)), iso(times.get(3)), iso(times.get(2)), iso(times.get(1)), iso(times.get(0)));

        AdminCalls.Answer beforeAnInstant = calls.get("/admin/users/" + user + "/activity?before=" + iso(times.get(2)), admin);
        assertThat(beforeAnInstant.json().get("data").get("activity").findValuesAsString("occurred_at"))
                .containsExactly(iso(times.get(1)), iso(times.get(0)));
    }

    @Test
    void shouldPurgeEntriesPastTheRetention() {
        relay(event(UserLoggedIn.TYPE, FakePassport.APP, Instant.now().minus(Duration.ofDays(91)),
                new UserLoggedIn(user, UUID.randomUUID(), "password", "192.0.2.10")));
        relay(event(UserLoggedIn.TYPE, FakePassport.APP, Instant.now().minus(Duration.ofDays(89)),
                new UserLoggedIn(user, UUID.randomUUID(), "password", "192.0.2.11")));
        awaitActivity(user, 2);

        purge.runOnce();

        JsonNode activity = activityOf(user);
        assertThat(activity).hasSize(1);
        assertThat(activity.get(0).get("detail").get("client_ip").asString()).isEqualTo("192.0.2.11");
    }

    @Test
    void shouldAnswerAnUnknownUserWithNoActivityAndANonUuidWith404() {
        AdminCalls.Answer unknown = calls.get("/admin/users/" + UUID.randomUUID() + "/activity", admin);
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.json().get("data").get("activity")).isEmpty();
        assertThat(unknown.json().get("data").get("next").isNull()).isTrue();

        for (String id : List.of("not-a-uuid", "1")) {
            AdminCalls.Answer missing = calls.get("/admin/users/" + id + "/activity", admin);
            assertThat(missing.status()).as(id).isEqualTo(404);
            assertThat(missing.errorCode()).as(id).isEqualTo("ADMIN_USERS_FAILED");
        }
    }

    @Test
    void shouldRefuseBadPagingAs400() {
        for (String query : List.of("limit=0", "limit=201", "limit=abc", "limit=", "before=", "before=yesterday",
                "before=bm90LWEtY3Vyc29y", "before=2026-13-01T00:00:00Z")) {
            AdminCalls.Answer answer = calls.get("/admin/users/" + user + "/activity?" + query, admin);
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.errorCode()).as(query).isEqualTo("ADMIN_USERS_FAILED");
            assertThat(answer.json().get("success").asBoolean()).isFalse();
        }
    }

    @Test
    void shouldRefuseAnyoneButAnAdministratorOfThePlatformApp() {
        String path = "/admin/users/" + user + "/activity";
        assertThat(calls.get(path, AdminCalls.asUser(UUID.randomUUID(), 1, FakePassport.APP)).status()).isEqualTo(403);
        assertThat(calls.get(path, AdminCalls.asUser(UUID.randomUUID(), 9, "tenant-a")).status()).isEqualTo(403);
        String[] spoofed = AdminCalls.asAdmin(UUID.randomUUID()).clone();
        spoofed[1] = "not-the-credential";
        assertThat(calls.get(path, spoofed).status()).isEqualTo(401);
    }

    /** A payload field this service does not copy next to one it does. */
    record Changed(UUID userId, String userAgent, String newPasswordHash) {
    }

    private EventEnvelope event(String type, String appId, Instant occurredAt, Object payload) {
        return new EventEnvelope(UUID.randomUUID(), type, 1, occurredAt, appId, user.toString(), json.valueToTree(payload));
    }

    /** Into the outbox, as passport writes its events; this service's relay sends it on as passport's does. */
    private void relay(EventEnvelope event) {
        transaction.executeWithoutResult(status -> outbox.append(Topics.USER_EVENTS, event));
    }

    /** Straight to Kafka, in the relay's format: a second copy of an event, or one the outbox could not hold. */
    private void sendDirectly(EventEnvelope event) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.USER_EVENTS, event.subject(), json.writeValueAsString(event));
        record.headers().add("event-id", event.eventId().toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add("event-type", event.type().getBytes(StandardCharsets.UTF_8));
        kafka.send(record).get(30, TimeUnit.SECONDS);
    }

    private void send(String key, String value) throws Exception {
        kafka.send(Topics.USER_EVENTS, key, value).get(30, TimeUnit.SECONDS);
    }

    private JsonNode awaitActivity(UUID userId, int atLeast) {
        await().atMost(TIMEOUT).until(() -> activityOf(userId).size() >= atLeast);
        return activityOf(userId);
    }

    private JsonNode activityOf(UUID userId) {
        AdminCalls.Answer answer = calls.get("/admin/users/" + userId + "/activity", admin);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().get("data").get("activity");
    }

    private int entriesOf(UUID userId) {
        return jdbc.sql("SELECT count(*) FROM user_activity WHERE user_id = :id").param("id", userId).query(Integer.class).single();
    }

    private int rows(UUID eventId) {
        return jdbc.sql("SELECT count(*) FROM user_activity WHERE event_id = :id").param("id", eventId).query(Integer.class).single();
    }

    private double skipped() {
        return meters.counter("admin.activity.skipped").count();
    }

    private static String iso(Instant instant) {
        return ISO_MILLIS.format(instant);
    }
}
