package io.passportsuite.passport.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.transaction.PlatformTransactionManager;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.RSAKey;

import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.common.testing.TestClock;
import io.passportsuite.common.token.AccessTokenCheck.Invalid;
import io.passportsuite.common.token.AccessTokenCheck.Reason;
import io.passportsuite.common.token.AccessTokenCheck.Valid;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@RealInfrastructure
class SigningKeyRotationTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final TestClock CLOCK = new TestClock(START);

    @TestBean(methodName = "testClock")
    private Clock clock;

    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private PlatformTransactionManager transactionManager;
    @Autowired
    private TokenProperties properties;
    @Autowired
    private PrivateKeyCipher cipher;
    @Autowired
    private SigningKeyStore store;
    @Autowired
    private SigningKeyRing ring;
    @Autowired
    private SigningKeyRotation rotation;
    @Autowired
    private SigningKeyMaintenance maintenance;
    @Autowired
    private AccessTokens tokens;

    static Clock testClock() {
        return CLOCK;
    }

    /** Every test starts where a first start-up leaves the service: one key, signing since START. */
    @BeforeEach
    void firstStart() {
        jdbc.sql("DELETE FROM signing_key").update();
        CLOCK.set(START);
        maintenance.afterSingletonsInstantiated();
    }

    @Test
    void shouldCreateAKeyThatSignsAtOnceWhenThereIsNone() {
        List<SigningKey> keys = store.schedule();

        assertThat(keys).hasSize(1);
        SigningKey key = keys.getFirst();
        assertThat(key.activatesAt()).isEqualTo(START);
        assertThat(key.retiresAt()).isNull();
        assertThat(key.expiresAt()).isNull();
        assertThat(kidOf(issue())).isEqualTo(key.kid());
        assertThat(publishedKids()).containsExactly(key.kid());
    }

    @Test
    void shouldStoreThePrivateKeyOnlySealedUnderTheKeyEncryptionKey() {
        SigningKey loaded = store.publishedAt(CLOCK.instant()).getFirst();
        byte[] pkcs8 = loaded.privateKey().getEncoded();
        byte[] sealed = jdbc.sql("SELECT private_key_sealed FROM signing_key WHERE kid = :kid")
                .param("kid", loaded.kid()).query(byte[].class).single();

        assertThat(indexOf(sealed, pkcs8)).isEqualTo(-1);
        assertThat(indexOf(sealed, Arrays.copyOfRange(pkcs8, 300, 332))).isEqualTo(-1);
        assertThat(cipher.open(loaded.kid(), sealed)).isEqualTo(pkcs8);
        SigningKeyStore withAnotherKek = new SigningKeyStore(jdbc,
                new PrivateKeyCipher(Base64.getEncoder().encodeToString(new byte[32])));
        assertThatThrownBy(() -> withAnotherKek.publishedAt(CLOCK.instant()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PASSPORT_KEY_ENCRYPTION_KEY");
    }

    @Test
    void shouldNotRotateBeforeTheRotationPeriodHasPassed() {
        CLOCK.advance(properties.rotationPeriod().minusSeconds(1));

        assertThat(rotation.rotate()).isTrue();
        assertThat(store.schedule()).hasSize(1);
    }

    @Test
    void shouldPublishTheSuccessorBeforeItSigns() {
        String first = store.schedule().getFirst().kid();
        CLOCK.advance(properties.rotationPeriod());
        Instant rotatedAt = CLOCK.instant();
        maintenance.runOnce();

        List<SigningKey> keys = store.schedule();
        assertThat(keys).hasSize(2);
        SigningKey successor = keys.get(1);
        Instant handover = rotatedAt.plus(properties.publishAhead());
        assertThat(successor.activatesAt()).isEqualTo(handover);
        assertThat(keys.getFirst().retiresAt()).isEqualTo(handover);
        assertThat(keys.getFirst().expiresAt()).isEqualTo(handover.plus(properties.maxTokenLifetime()).plus(properties.clockSkew()));
        assertThat(publishedKids()).containsExactly(successor.kid(), first);
        assertThat(kidOf(issue())).isEqualTo(first);

        CLOCK.set(handover.minusSeconds(1));
        maintenance.runOnce();
        assertThat(kidOf(issue())).isEqualTo(first);

        CLOCK.set(handover);
        maintenance.runOnce();
        assertThat(kidOf(issue())).isEqualTo(successor.kid());
        assertThat(store.schedule()).hasSize(2);
    }

    @Test
    void shouldVerifyTheOldKeysTokensUntilItLeavesTheJwks() {
        String first = store.schedule().getFirst().kid();
        CLOCK.advance(properties.rotationPeriod());
        maintenance.runOnce();
        SigningKey retiring = store.schedule().getFirst();
        CLOCK.set(retiring.retiresAt().minusSeconds(1));
        IssuedAccessToken lastOfTheOldKey = tokens.issue(request(properties.maxTokenLifetime()));
        assertThat(kidOf(lastOfTheOldKey)).isEqualTo(first);

        CLOCK.set(retiring.retiresAt());
        maintenance.runOnce();
        IssuedAccessToken firstOfTheNewKey = tokens.issue(request(properties.maxTokenLifetime()));
        assertThat(kidOf(firstOfTheNewKey)).isNotEqualTo(first);
        assertThat(tokens.verify(lastOfTheOldKey.token())).isInstanceOf(Valid.class);

        CLOCK.set(lastOfTheOldKey.expiresAt().plus(properties.clockSkew()).minusSeconds(1));
        maintenance.runOnce();
        assertThat(publishedKids()).contains(first);
        assertThat(tokens.verify(lastOfTheOldKey.token())).isInstanceOf(Valid.class);

        CLOCK.set(retiring.expiresAt());
        maintenance.runOnce();
        assertThat(publishedKids()).doesNotContain(first);
        assertThat(store.schedule()).extracting(SigningKey::kid).doesNotContain(first);
        assertThat(tokens.verify(lastOfTheOldKey.token())).isEqualTo(new Invalid(Reason.UNKNOWN_KEY));
        IssuedAccessToken current = issue();
        assertThat(kidOf(current)).isEqualTo(kidOf(firstOfTheNewKey));
        assertThat(tokens.verify(current.token())).isInstanceOf(Valid.class);
    }

    @Test
    void shouldCreateOneSuccessorWhenTwoReplicasRotateAtOnce() throws Exception {
        SigningKeyRotation otherReplica = anotherReplica();
        CLOCK.advance(properties.rotationPeriod());

        List<Boolean> ran = race(rotation::rotate, otherReplica::rotate);

        assertThat(ran).contains(true);
        assertThat(store.schedule()).hasSize(2);
        assertThat(store.schedule()).filteredOn(key -> key.activatesAt().isAfter(CLOCK.instant())).hasSize(1);
    }

    @Test
    void shouldCreateOneFirstKeyWhenTwoReplicasStartAtOnce() throws Exception {
        jdbc.sql("DELETE FROM signing_key").update();
        SigningKeyRotation otherReplica = anotherReplica();

        race(() -> {
            rotation.ensureActiveKey();
            return true;
        }, () -> {
            otherReplica.ensureActiveKey();
            return true;
        });

        assertThat(store.schedule()).hasSize(1);
    }

    @Test
    void shouldLeaveRotationToTheReplicaHoldingTheLock() throws Exception {
        CLOCK.advance(properties.rotationPeriod());
        try (Connection otherReplica = dataSource.getConnection(); Statement statement = otherReplica.createStatement()) {
            otherReplica.setAutoCommit(false);
            statement.execute("SELECT pg_advisory_xact_lock(" + SigningKeyStore.ROTATION_LOCK + ")");

            assertThat(rotation.rotate()).isFalse();
            assertThat(store.schedule()).hasSize(1);

            otherReplica.rollback();
        }
        assertThat(rotation.rotate()).isTrue();
        assertThat(store.schedule()).hasSize(2);
    }

    @Test
    void shouldRotateAndReloadInTheBackgroundWhenEnabled() {
        TokenProperties background = new TokenProperties(properties.issuer(), properties.publicBaseUrl(),
                properties.keyEncryptionKey(), true, properties.rotationPeriod(), properties.publishAhead(),
                properties.maxTokenLifetime(), properties.clockSkew(), Duration.ofMillis(100), false);
        SigningKeyRing anotherRing = new SigningKeyRing(RsaSigners.jdkOnly());
        SigningKeyMaintenance worker = new SigningKeyMaintenance(rotation, store, anotherRing, background, CLOCK);
        CLOCK.advance(properties.rotationPeriod());
        worker.start();
        try {
            assertThat(worker.isRunning()).isTrue();
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(anotherRing.publishedAt(CLOCK.instant())).hasSize(2));
        } finally {
            worker.stop();
        }
        assertThat(worker.isRunning()).isFalse();
        assertThat(store.schedule()).hasSize(2);
    }

    private SigningKeyRotation anotherReplica() {
        return new SigningKeyRotation(new SigningKeyStore(jdbc, cipher), transactionManager, properties, CLOCK);
    }

    private static List<Boolean> race(Callable<Boolean> first, Callable<Boolean> second) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<Boolean> task = i % 2 == 0 ? first : second;
                results.add(threads.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<Boolean> ran = new ArrayList<>();
            for (Future<Boolean> result : results) {
                ran.add(result.get());
            }
            return ran;
        } finally {
            threads.shutdownNow();
        }
    }

    private List<String> publishedKids() {
        return ring.publishedAt(CLOCK.instant()).stream().map(RSAKey::getKeyID).toList();
    }

    private IssuedAccessToken issue() {
        return tokens.issue(request(Duration.ofMinutes(15)));
    }

    private static AccessTokenRequest request(Duration lifetime) {
        return new AccessTokenRequest("default", UUID.randomUUID(), 1, UUID.randomUUID(), lifetime);
    }

    private static String kidOf(IssuedAccessToken issued) {
        try {
            return JWSObject.parse(issued.token()).getHeader().getKeyID();
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
