package io.passportsuite.asset.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.micrometer.core.instrument.MeterRegistry;
import io.passportsuite.asset.AssetCalls;
import io.passportsuite.asset.TestImages;
import io.passportsuite.common.events.EventEnvelope;
import io.passportsuite.common.events.Topics;
import io.passportsuite.common.events.user.UserDeleted;
import io.passportsuite.common.events.user.UserLoggedIn;
import io.passportsuite.common.events.user.UserProfileUpdated;
import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.common.testing.TestClock;
import io.passportsuite.common.testing.TestKafka;
import tools.jackson.databind.json.JsonMapper;

/**
 * Avatar references from passport's user events, produced on Kafka as passport's relay writes them,
 * and the sweep of files no user has as avatar any more. The clock is the test's: the grace period
 * (an hour here) passes by moving it, and the sweep is run directly instead of waited for.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "passport.internal.credential=" + AssetCalls.CREDENTIAL,
        "asset.uploads.public-base-url=" + HousekeepingIntegrationTest.BASE,
        "asset.housekeeping.grace-period=1h",
        // The scheduled sweep stays out of the way: each test sweeps when it means to.
        "asset.housekeeping.sweep-interval=1d"})
@RealInfrastructure
@Import(HousekeepingIntegrationTest.Clocks.class)
class HousekeepingIntegrationTest {

    static final String BASE = "https://cdn.example.test/files";
    private static final String APP = "app-housekeeping";
    private static final String OTHER_APP = "app-housekeeping-other";
    private static final Duration PAST_GRACE = Duration.ofHours(2);
    private static final JsonMapper json = new JsonMapper();
    private static final AtomicLong seeds = new AtomicLong();

    private static KafkaProducer<String, String> producer;
    private static Path storage;

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        TestClock clock() {
            return new TestClock(Instant.now());
        }
    }

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private TestClock clock;

    @Autowired
    private TrackingAvatars tracking;

    @Autowired
    private SweepingOrphans sweeping;

    @Autowired
    private MeterRegistry meters;

    private AssetCalls calls;

    /** Each event a little after the one before, as passport would write them. */
    private Instant occurred = Instant.now();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        storage = Files.createTempDirectory("asset-housekeeping-");
        registry.add("asset.storage.filesystem.root", storage::toString);
        // A group of its own: this class reads the topic from its start whatever others consumed.
        registry.add("asset.housekeeping.consumer-group", () -> "asset-housekeeping-" + UUID.randomUUID());
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
        calls = new AssetCalls(port);
    }

    @Test
    void shouldDeleteAReplacedAvatarOnlyOnceTheGracePeriodHasPassed() {
        UUID user = UUID.randomUUID();
        String first = upload(APP);
        String second = upload(APP);
        double sweptBefore = sweptCount();

        publishAndAwait(profile(APP, user, url(first)));
        publishAndAwait(profile(APP, user, url(second)));

        assertThat(referenceOf(APP, user)).isEqualTo(second);
        assertThat(isMarked(first)).isTrue();
        assertThat(isMarked(second)).isFalse();

        clock.advance(Duration.ofMinutes(30));
        sweeping.sweep(100);
        assertThat(served(first)).as("within the grace period").isTrue();

        clock.advance(PAST_GRACE);
        int swept = sweeping.sweep(100);

        assertThat(swept).isGreaterThanOrEqualTo(1);
        assertThat(served(first)).isFalse();
        assertThat(served(second)).isTrue();
        assertThat(isMarked(first)).isFalse();
        assertThat(sweptCount() - sweptBefore).isEqualTo(swept);
        assertThat(jdbc.sql("SELECT event_type FROM outbox_event WHERE topic = :topic AND event_key = :key ORDER BY id")
                .param("topic", Topics.ASSET_EVENTS).param("key", first).query(String.class).list())
                .containsExactly("asset.uploaded", "asset.deleted");
    }

    @Test
    void shouldKeepAFileThatBecomesAnAvatarAgainWithinTheGracePeriod() {
        UUID user = UUID.randomUUID();
        String first = upload(APP);
        String second = upload(APP);

        publishAndAwait(profile(APP, user, url(first)));
        publishAndAwait(profile(APP, user, url(second)));
        assertThat(isMarked(first)).isTrue();
        // Set back, with a query string a client added to bust its cache.
        publishAndAwait(profile(APP, user, url(first) + "?v=3"));

        assertThat(isMarked(first)).isFalse();
        assertThat(isMarked(second)).isTrue();
        clock.advance(PAST_GRACE);
        sweeping.sweep(100);

        assertThat(served(first)).isTrue();
        assertThat(served(second)).as("the avatar it replaced in turn").isFalse();
    }

    @Test
    void shouldKeepAFileAnotherUserStillHasAsAvatar() {
        UUID one = UUID.randomUUID();
        UUID two = UUID.randomUUID();
        String shared = upload(APP);

        publishAndAwait(profile(APP, one, url(shared)));
        publishAndAwait(profile(APP, two, url(shared)));
        publishAndAwait(profile(APP, one, null));
        assertThat(isMarked(shared)).isFalse();
        clock.advance(PAST_GRACE);
        sweeping.sweep(100);
        assertThat(served(shared)).isTrue();

        publishAndAwait(profile(APP, two, null));
        assertThat(isMarked(shared)).isTrue();
        clock.advance(PAST_GRACE);
        sweeping.sweep(100);
        assertThat(served(shared)).isFalse();
    }

    @Test
    void shouldDeleteTheAvatarOfADeletedUser() {
        UUID user = UUID.randomUUID();
        String avatar = upload(APP);
        publishAndAwait(profile(APP, user, url(avatar)));

        publishAndAwait(deleted(APP, user, url(avatar)));
        // A profile update written before the deletion but arriving after it changes nothing.
        EventEnvelope late = profile(APP, user, url(avatar), occurred.minusSeconds(60));
        publishAndAwait(late);

        assertThat(referenceOf(APP, user)).isNull();
        assertThat(isMarked(avatar)).isTrue();
        clock.advance(PAST_GRACE);
        sweeping.sweep(100);
        assertThat(served(avatar)).isFalse();
    }

    @Test
    void shouldKeepTheAvatarADeletionNamesForAUserNeverSeenBefore() {
        // Who set it is not known: it may have been the user, naming someone else's file.
        String avatar = upload(APP);

        publishAndAwait(deleted(APP, UUID.randomUUID(), url(avatar)));

        assertThat(isMarked(avatar)).isFalse();
        clock.advance(PAST_GRACE);
        sweeping.sweep(100);
        assertThat(served(avatar)).isTrue();
    }

    @Test
    void shouldNeverLetAUserFreeAFileTheyNamedThemselves() {
        UUID attacker = UUID.randomUUID();
        UUID victim = UUID.randomUUID();
        String victimsPicture = upload(APP);
        String other = upload(APP);

        // The user names another user's file as their own avatar, then moves on, then the app
        // replaces their avatar, then the app deletes them: the file was never theirs to free.
        publishAndAwait(profile(APP, attacker, url(victimsPicture), UserProfileUpdated.BY_USER));
        publishAndAwait(profile(APP, attacker, null, UserProfileUpdated.BY_USER));
        publishAndAwait(profile(APP, attacker, url(victimsPicture), UserProfileUpdated.BY_USER));
        publishAndAwait(profile(APP, attacker, url(other), UserProfileUpdated.BY_APP));
        publishAndAwait(deleted(APP, attacker, url(other)));

        assertThat(isMarked(victimsPicture)).isFalse();
        clock.advance(PAST_GRACE);
        sweeping.sweep(100);
        assertThat(served(victimsPicture)).isTrue();
        assertThat(served(other)).as("the app set it, and the deletion left it").isFalse();

        // The victim's own app-set avatar, replaced by the victim themself, is freed as usual.
        String victimsAvatar = upload(APP);
        publishAndAwait(profile(APP, victim, url(victimsAvatar), UserProfileUpdated.BY_OPERATOR));
        publishAndAwait(profile(APP, victim, null, UserProfileUpdated.BY_USER));
        assertThat(isMarked(victimsAvatar)).isTrue();
    }

    @Test
    void shouldNeverCountOrDeleteAnotherAppsFile() {
        UUID user = UUID.randomUUID();
        String othersFile = upload(OTHER_APP);

        publishAndAwait(profile(APP, user, url(othersFile)));
        assertThat(referenceOf(APP, user)).as("another app's file is no reference").isNull();
        publishAndAwait(profile(APP, user, null));
        publishAndAwait(deleted(APP, UUID.randomUUID(), url(othersFile)));

        assertThat(isMarked(othersFile)).isFalse();
        clock.advance(PAST_GRACE);
        sweeping.sweep(100);
        assertThat(served(othersFile)).isTrue();

        // Its own app's user leaving it does count, whatever the other app's users said of it.
        UUID owner = UUID.randomUUID();
        publishAndAwait(profile(OTHER_APP, owner, url(othersFile)));
        publishAndAwait(profile(APP, UUID.randomUUID(), url(othersFile)));
        publishAndAwait(profile(OTHER_APP, owner, null));
        assertThat(isMarked(othersFile)).isTrue();
    }

    @Test
    void shouldIgnoreForeignUrlsAndLeaveFilesNeverUsedAsAvatarsAlone() {
        UUID user = UUID.randomUUID();
        String neverAnAvatar = upload(APP);
        String avatar = upload(APP);

        publishAndAwait(profile(APP, user, "https://gravatar.example/avatar/" + neverAnAvatar));
        assertThat(referenceOf(APP, user)).isNull();
        publishAndAwait(profile(APP, user, BASE + "/" + UUID.randomUUID()));
        assertThat(referenceOf(APP, user)).as("a URL of this service naming no file").isNull();
        publishAndAwait(profile(APP, user, BASE + "/" + neverAnAvatar + "/../" + avatar));
        assertThat(referenceOf(APP, user)).isNull();

        publishAndAwait(profile(APP, user, url(avatar)));
        publishAndAwait(profile(APP, user, "https://gravatar.example/avatar/me"));
        assertThat(isMarked(avatar)).as("moving to a foreign avatar leaves the file").isTrue();

        clock.advance(PAST_GRACE);
        sweeping.sweep(100);
        assertThat(served(neverAnAvatar)).isTrue();
        assertThat(isMarked(neverAnAvatar)).isFalse();
        assertThat(served(avatar)).isFalse();
    }

    @Test
    void shouldApplyAReplayedEventOnce() {
        UUID user = UUID.randomUUID();
        String first = upload(APP);
        String second = upload(APP);
        EventEnvelope setFirst = profile(APP, user, url(first));
        String record = json.writeValueAsString(setFirst);

        assertThat(tracking.apply(record)).isEqualTo(new TrackingAvatars.Outcome.Applied(user, UUID.fromString(first), null));
        assertThat(tracking.apply(record)).isEqualTo(new TrackingAvatars.Outcome.Duplicate(setFirst.eventId()));

        // Through Kafka: the second copy of a replacement is passed over, and the file stays marked
        // from the first, not marked again later (which would restart its grace period).
        EventEnvelope setSecond = profile(APP, user, url(second));
        publishAndAwait(setSecond);
        Instant markedAt = markedAt(first);
        clock.advance(Duration.ofMinutes(10));
        publish(setSecond);
        // The same user's next event: on the same partition, so the copy was read before it.
        publishAndAwait(profile(APP, user, url(second)));
        assertThat(markedAt(first)).isEqualTo(markedAt);
        assertThat(referenceOf(APP, user)).isEqualTo(second);
        assertThat(jdbc.sql("SELECT count(*) FROM processed_event WHERE consumer = :consumer AND event_id = :id")
                .param("consumer", TrackingAvatars.CONSUMER).param("id", setSecond.eventId()).query(Integer.class).single())
                .isEqualTo(1);
    }

    @Test
    void shouldNotLetAnOlderUpdateOverwriteANewerOne() {
        UUID user = UUID.randomUUID();
        String older = upload(APP);
        String newer = upload(APP);
        Instant now = Instant.now();

        publishAndAwait(profile(APP, user, url(newer), now));
        EventEnvelope late = profile(APP, user, url(older), now.minusSeconds(5));
        publishAndAwait(late);

        assertThat(referenceOf(APP, user)).isEqualTo(newer);
        assertThat(isMarked(newer)).isFalse();
        assertThat(isMarked(older)).isFalse();
        assertThat(tracking.apply(json.writeValueAsString(profile(APP, user, null, now.minusSeconds(1)))))
                .isInstanceOf(TrackingAvatars.Outcome.Stale.class);
        clock.advance(PAST_GRACE);
        sweeping.sweep(100);
        assertThat(served(newer)).isTrue();
        assertThat(served(older)).as("never an avatar as far as this service knows").isTrue();
    }

    @Test
    void shouldKeepTheStoredObjectWhileAnotherFileOfTheAppHasTheSameContent() {
        UUID user = UUID.randomUUID();
        byte[] content = TestImages.encode(TestImages.noise(10, 10, seeds.incrementAndGet() + 1000), "png");
        String avatar = uploaded(APP, content);
        String copy = uploaded(APP, content);

        publishAndAwait(profile(APP, user, url(avatar)));
        publishAndAwait(profile(APP, user, null));
        clock.advance(PAST_GRACE);
        sweeping.sweep(100);

        assertThat(served(avatar)).isFalse();
        assertThat(served(copy)).isTrue();
    }

    @Test
    void shouldForgetAnAvatarTheAppDeletedItself() {
        UUID user = UUID.randomUUID();
        String avatar = upload(APP);
        publishAndAwait(profile(APP, user, url(avatar)));

        assertThat(calls.delete("/asset/v1/files/" + avatar, AssetCalls.asApp(APP)).status()).isEqualTo(204);
        assertThat(referenceOf(APP, user)).isNull();
        publishAndAwait(profile(APP, user, null));
        publishAndAwait(profile(APP, user, url(avatar)));

        assertThat(referenceOf(APP, user)).isNull();
        assertThat(isMarked(avatar)).isFalse();
    }

    @Test
    void shouldSweepEachFileOnceWhenSeveralInstancesSweepAtOnce() throws Exception {
        List<String> avatars = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            UUID user = UUID.randomUUID();
            String avatar = upload(APP);
            avatars.add(avatar);
            publishAndAwait(profile(APP, user, url(avatar)));
            publishAndAwait(deleted(APP, user, url(avatar)));
        }
        clock.advance(PAST_GRACE);

        try (ExecutorService instances = Executors.newFixedThreadPool(3)) {
            List<Future<Integer>> sweeps = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                sweeps.add(instances.submit(() -> sweeping.sweep(100)));
            }
            for (Future<Integer> sweep : sweeps) {
                sweep.get(60, TimeUnit.SECONDS);
            }
        }

        for (String avatar : avatars) {
            assertThat(served(avatar)).isFalse();
            assertThat(jdbc.sql("SELECT count(*) FROM outbox_event WHERE event_type = 'asset.deleted' AND event_key = :key")
                    .param("key", avatar).query(Integer.class).single()).as("announced once").isEqualTo(1);
        }
    }

    @Test
    void shouldSkipEventsItDoesNotActOnAndRecordsItCannotRead() {
        UUID user = UUID.randomUUID();
        EventEnvelope login = EventEnvelope.newEvent(UserLoggedIn.TYPE, UserLoggedIn.VERSION, APP, user.toString(),
                json.valueToTree(Map.of("userId", user.toString())));

        assertThat(tracking.apply(json.writeValueAsString(login))).isInstanceOf(TrackingAvatars.Outcome.Skipped.class);
        assertThat(tracking.apply("{not json")).isInstanceOf(TrackingAvatars.Outcome.Skipped.class);
        assertThat(tracking.apply(json.writeValueAsString(EventEnvelope.newEvent(UserProfileUpdated.TYPE, 2, APP,
                user.toString(), json.valueToTree(Map.of("userId", user.toString())))))).isInstanceOf(TrackingAvatars.Outcome.Skipped.class);
        // Text PostgreSQL cannot store is as unreadable: skipped, never retried for ever.
        assertThat(tracking.apply(json.writeValueAsString(profile("app\u0000nul", user, null))))
                .isInstanceOf(TrackingAvatars.Outcome.Skipped.class);
        assertThat(jdbc.sql("SELECT count(*) FROM processed_event WHERE event_id = :id").param("id", login.eventId())
                .query(Integer.class).single()).as("no mark for every login").isZero();

        // An unreadable record on the topic does not hold up what follows it.
        producer.send(new ProducerRecord<>(Topics.USER_EVENTS, user.toString(), "{not json"));
        String avatar = upload(APP);
        publishAndAwait(profile(APP, user, url(avatar)));
        assertThat(referenceOf(APP, user)).isEqualTo(avatar);
    }

    private String upload(String appId) {
        return uploaded(appId, TestImages.encode(TestImages.noise(12, 12, seeds.incrementAndGet()), "png"));
    }

    private String uploaded(String appId, byte[] content) {
        AssetCalls.Response response = calls.upload(appId, "a.png", "image/png", content);
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.json().get("file_id").asString();
    }

    private static String url(String fileId) {
        return BASE + "/" + fileId;
    }

    private boolean served(String fileId) {
        int status = calls.get("/asset/v1/files/" + fileId, AssetCalls.publicly()).status();
        assertThat(status).isIn(200, 404);
        return status == 200;
    }

    private EventEnvelope profile(String appId, UUID user, String avatarUrl) {
        return profile(appId, user, avatarUrl, UserProfileUpdated.BY_APP);
    }

    private EventEnvelope profile(String appId, UUID user, String avatarUrl, String changedBy) {
        occurred = occurred.plusMillis(1);
        return profile(appId, user, avatarUrl, occurred, changedBy);
    }

    private static EventEnvelope profile(String appId, UUID user, String avatarUrl, Instant occurredAt) {
        return profile(appId, user, avatarUrl, occurredAt, UserProfileUpdated.BY_APP);
    }

    private static EventEnvelope profile(String appId, UUID user, String avatarUrl, Instant occurredAt, String changedBy) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("changedBy", changedBy);
        payload.put("userId", user.toString());
        payload.put("nickname", "someone");
        payload.put("avatarUrl", avatarUrl);
        payload.put("signature", null);
        return new EventEnvelope(UUID.randomUUID(), UserProfileUpdated.TYPE, UserProfileUpdated.VERSION, occurredAt, appId,
                user.toString(), json.valueToTree(payload));
    }

    private EventEnvelope deleted(String appId, UUID user, String avatarUrl) {
        occurred = occurred.plusMillis(1);
        return new EventEnvelope(UUID.randomUUID(), UserDeleted.TYPE, UserDeleted.VERSION, occurred, appId, user.toString(),
                json.valueToTree(new UserDeleted(user, avatarUrl)));
    }

    private static void publish(EventEnvelope event) {
        try {
            producer.send(new ProducerRecord<>(Topics.USER_EVENTS, event.subject(), json.writeValueAsString(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void publishAndAwait(EventEnvelope event) {
        publish(event);
        await(() -> jdbc.sql("SELECT EXISTS (SELECT 1 FROM processed_event WHERE consumer = :consumer AND event_id = :id)")
                .param("consumer", TrackingAvatars.CONSUMER).param("id", event.eventId()).query(Boolean.class).single(),
                "event " + event.eventId() + " is applied");
    }

    private String referenceOf(String appId, UUID user) {
        return jdbc.sql("SELECT file_id::text FROM asset_avatar_reference WHERE app_id = :appId AND user_id = :user")
                .param("appId", appId).param("user", user).query(String.class).optional().orElse(null);
    }

    private boolean isMarked(String fileId) {
        return markedAt(fileId) != null;
    }

    private Instant markedAt(String fileId) {
        return jdbc.sql("SELECT orphaned_at FROM asset_orphaned_file WHERE file_id = :id").param("id", UUID.fromString(fileId))
                .query((rs, row) -> rs.getTimestamp("orphaned_at").toInstant()).optional()
                .map(at -> at.truncatedTo(ChronoUnit.MICROS)).orElse(null);
    }

    private double sweptCount() {
        return meters.get("asset.housekeeping.swept").counter().count();
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
