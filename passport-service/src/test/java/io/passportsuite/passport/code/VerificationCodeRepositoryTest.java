package io.passportsuite.passport.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.passport.api.Apps;
import io.passportsuite.passport.app.AppAdministration;
import io.passportsuite.passport.app.PasswordPolicy;
import io.passportsuite.passport.code.VerificationCodeRepository.CloseReason;
import io.passportsuite.passport.code.VerificationCodeRepository.LiveCode;
import io.passportsuite.passport.code.VerificationCodeRepository.NewCode;

/** The queries behind the throttle, the live code and the debug view, against a real database. */
@SpringBootTest
@RealInfrastructure
class VerificationCodeRepositoryTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @Autowired
    private VerificationCodeRepository codes;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private TransactionTemplate transaction;

    @Autowired
    private AppAdministration administration;

    private String app;
    private String otherApp;
    private String destination;
    /** The concurrent issuers of the locking test, each in its own thread. */
    private ExecutorService issuers;

    @BeforeEach
    void setUp() {
        app = Apps.create(administration, new PasswordPolicy(6, 100, false)).appId();
        otherApp = Apps.create(administration, new PasswordPolicy(6, 100, false)).appId();
        destination = "someone-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private UUID send(String appId, String contact, CodePurpose purpose, String ip, Instant at, String debugCode, boolean withheld) {
        UUID id = UUID.randomUUID();
        codes.insert(new NewCode(id, appId, contact, purpose, "hmac-" + id, ip, at, at.plus(Duration.ofMinutes(10)), debugCode, withheld));
        return id;
    }

    private UUID send(String contact, CodePurpose purpose, Instant at) {
        return send(app, contact, purpose, "203.0.113.1", at, null, false);
    }

    /** Why the code was closed, or "open". */
    private String closeReason(UUID id) {
        return jdbc.sql("SELECT close_reason FROM verification_code WHERE id = :id").param("id", id)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1)).orElse("open")).single();
    }

    @Test
    void shouldCountSendsToADestinationInAnyCaseAndForAnyPurposeOfTheAppSinceTheGivenTime() {
        Instant oldest = NOW.minus(Duration.ofMinutes(50));
        send(destination, CodePurpose.LOGIN, NOW.minus(Duration.ofMinutes(70)));
        send(destination, CodePurpose.LOGIN, NOW.minus(Duration.ofMinutes(10)));
        send(destination.toUpperCase(), CodePurpose.RESET_PASSWORD, oldest);
        send(app, destination, CodePurpose.REGISTER, "203.0.113.1", NOW.minus(Duration.ofMinutes(20)), null, true);
        send(otherApp, destination, CodePurpose.LOGIN, "203.0.113.1", NOW.minus(Duration.ofMinutes(5)), null, false);

        assertThat(codes.sendsToDestinationSince(app, destination, NOW.minus(Duration.ofHours(1))))
                .containsExactly(oldest, NOW.minus(Duration.ofMinutes(20)), NOW.minus(Duration.ofMinutes(10)));
    }

    @Test
    void shouldCountSendsFromAClientAddressOfTheAppSinceTheGivenTime() {
        String ip = "198.51.100.7";
        send(app, "a-" + destination, CodePurpose.LOGIN, ip, NOW.minus(Duration.ofMinutes(30)), null, false);
        send(app, "b-" + destination, CodePurpose.REGISTER, ip, NOW.minus(Duration.ofMinutes(40)), null, true);
        send(app, "c-" + destination, CodePurpose.LOGIN, ip, NOW.minus(Duration.ofMinutes(90)), null, false);
        send(app, "d-" + destination, CodePurpose.LOGIN, "192.0.2.9", NOW.minus(Duration.ofMinutes(1)), null, false);
        send(otherApp, "e-" + destination, CodePurpose.LOGIN, ip, NOW.minus(Duration.ofMinutes(1)), null, false);

        assertThat(codes.sendsFromAddressSince(app, ip, NOW.minus(Duration.ofHours(1))))
                .containsExactly(NOW.minus(Duration.ofMinutes(40)), NOW.minus(Duration.ofMinutes(30)));
    }

    @Test
    void shouldFindTheLastSendForTheDestinationAndPurposeWhateverBecameOfIt() {
        assertThat(codes.lastSentAt(app, destination, CodePurpose.LOGIN)).isEmpty();
        UUID used = send(destination, CodePurpose.LOGIN, NOW.minus(Duration.ofMinutes(3)));
        codes.close(used, CloseReason.USED, NOW);
        send(app, destination.toUpperCase(), CodePurpose.LOGIN, null, NOW.minus(Duration.ofMinutes(2)), null, true);
        send(destination, CodePurpose.LOGIN, NOW.minus(Duration.ofMinutes(4)));
        send(destination, CodePurpose.REGISTER, NOW);
        send(otherApp, destination, CodePurpose.LOGIN, null, NOW, null, false);

        assertThat(codes.lastSentAt(app, destination, CodePurpose.LOGIN)).contains(NOW.minus(Duration.ofMinutes(2)));
    }

    @Test
    void shouldSupersedeOnlyTheLiveCodesOfTheDestinationAndPurpose() {
        UUID live = send(destination, CodePurpose.LOGIN, NOW.minus(Duration.ofMinutes(2)));
        UUID liveInUpperCase = send(destination.toUpperCase(), CodePurpose.LOGIN, NOW.minus(Duration.ofMinutes(1)));
        UUID used = send(destination, CodePurpose.LOGIN, NOW.minus(Duration.ofMinutes(3)));
        codes.close(used, CloseReason.USED, NOW);
        UUID otherPurpose = send(destination, CodePurpose.REGISTER, NOW);
        UUID inOtherApp = send(otherApp, destination, CodePurpose.LOGIN, null, NOW, null, false);

        codes.supersede(app, destination, CodePurpose.LOGIN, NOW);

        assertThat(List.of(live, liveInUpperCase, used, otherPurpose, inOtherApp)).map(this::closeReason)
                .containsExactly("superseded", "superseded", "used", "open", "open");
    }

    @Test
    void shouldWriteAWithheldCodeClosedFromTheStart() {
        UUID withheld = send(app, destination, CodePurpose.RESET_PASSWORD, null, NOW, null, true);

        assertThat(closeReason(withheld)).isEqualTo("withheld");
        assertThat(jdbc.sql("SELECT closed_at FROM verification_code WHERE id = :id").param("id", withheld)
                .query(OffsetDateTime.class).single().toInstant()).isEqualTo(NOW);
        Optional<LiveCode> live = transaction.execute(status -> codes.findLive(app, destination, CodePurpose.RESET_PASSWORD));
        assertThat(live).isEmpty();
    }

    @Test
    void shouldFindTheNewestLiveCodeAndRecordItsAttempts() {
        send(destination, CodePurpose.LOGIN, NOW.minus(Duration.ofMinutes(3)));
        UUID newest = send(destination.toUpperCase(), CodePurpose.LOGIN, NOW.minus(Duration.ofMinutes(1)));
        UUID closed = send(destination, CodePurpose.LOGIN, NOW);
        codes.close(closed, CloseReason.TOO_MANY_ATTEMPTS, NOW);
        send(destination, CodePurpose.REGISTER, NOW);

        LiveCode found = transaction.execute(status -> codes.findLive(app, destination, CodePurpose.LOGIN)).orElseThrow();
        assertThat(found).isEqualTo(new LiveCode(newest, "hmac-" + newest, NOW.plus(Duration.ofMinutes(9)), 0));

        codes.recordAttempts(newest, 3);
        assertThat(transaction.execute(status -> codes.findLive(app, destination, CodePurpose.LOGIN)).orElseThrow().attempts())
                .isEqualTo(3);
        assertThat(closeReason(closed)).isEqualTo("too_many_attempts");
    }

    @Test
    void shouldListEveryAppsLiveCodesThatHoldTheirCodeNewestFirst() {
        send(app, destination, CodePurpose.LOGIN, null, NOW.minus(Duration.ofMinutes(2)), "111111", false);
        send(otherApp, destination.toUpperCase(), CodePurpose.REGISTER, null, NOW.minus(Duration.ofMinutes(1)), "222222", false);
        UUID used = send(app, destination, CodePurpose.VERIFY_EMAIL, null, NOW, "333333", false);
        codes.close(used, CloseReason.USED, NOW);
        send(app, destination, CodePurpose.RESET_PASSWORD, null, NOW.minus(Duration.ofMinutes(11)), "444444", false);
        send(app, destination, CodePurpose.RESET_PASSWORD, null, NOW, null, false);

        assertThat(codes.liveDebugCodes(destination, NOW)).containsExactly(
                new VerificationCodes.DebugCode(otherApp, CodePurpose.REGISTER, "222222", NOW.minus(Duration.ofMinutes(1)),
                        NOW.plus(Duration.ofMinutes(9))),
                new VerificationCodes.DebugCode(app, CodePurpose.LOGIN, "111111", NOW.minus(Duration.ofMinutes(2)),
                        NOW.plus(Duration.ofMinutes(8))));
    }

    @Test
    void shouldPurgeCodesExpiredLongerThanTheRetentionAtMostTheLimitAtATime() {
        Instant now = Instant.now();
        send(app, "old-1-" + destination, CodePurpose.LOGIN, null, now.minus(Duration.ofDays(9)), null, false);
        send(app, "old-2-" + destination, CodePurpose.LOGIN, null, now.minus(Duration.ofDays(8)), null, false);
        send(app, "recent-" + destination, CodePurpose.LOGIN, null, now.minus(Duration.ofDays(6)), null, false);

        assertThat(codes.purgeExpired(Duration.ofDays(7), 1)).isEqualTo(1);
        assertThat(codes.purgeExpired(Duration.ofDays(7), 1)).isEqualTo(1);
        assertThat(codes.purgeExpired(Duration.ofDays(7), 1)).isZero();
        assertThat(jdbc.sql("SELECT contact FROM verification_code WHERE contact LIKE '%-' || :destination")
                .param("destination", destination).query(String.class).list()).containsExactly("recent-" + destination);
    }

    @Test
    void shouldLetOneIssuerAtATimeHoldADestinationAndPurposeInAnyCase() throws Exception {
        issuers = Executors.newFixedThreadPool(3);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = lockAsync(destination, CodePurpose.LOGIN, () -> {
            held.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> sameInUpperCase = lockAsync(destination.toUpperCase(), CodePurpose.LOGIN, () -> { });
        CompletableFuture<Void> otherPurpose = lockAsync(destination, CodePurpose.REGISTER, () -> { });
        otherPurpose.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> sameInUpperCase.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);

        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        sameInUpperCase.get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopIssuers() {
        if (issuers != null) {
            issuers.shutdownNow();
        }
    }

    /** Takes the issuing lock in a transaction of another thread and does {@code whileHeld} before it ends. */
    private CompletableFuture<Void> lockAsync(String contact, CodePurpose purpose, Runnable whileHeld) {
        return CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
            codes.lockIssuing(app, contact, purpose);
            whileHeld.run();
        }), issuers);
    }
}
