package io.passportsuite.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.passportsuite.common.token.AccessTokenClaims;

class KeptAnswersTest {

    private final Instant now = Instant.now();
    private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    private final RevokedSessions revoked = new RevokedSessions(clock);
    private final KeptAnswers answers = new KeptAnswers(Duration.ofSeconds(1), 1_000_000, true, revoked, clock);

    private AccessTokenClaims claims(String appId, Instant expiresAt) {
        return new AccessTokenClaims(appId, UUID.randomUUID(), 1, UUID.randomUUID(), "jti", now.minusSeconds(10), expiresAt);
    }

    @Test
    void shouldForgetAnAnswerWhenItsSessionIsRevokedOrItsTokenExpired() {
        AccessTokenClaims revokedLater = claims("shop", now.plusSeconds(600));
        AccessTokenClaims expired = claims("shop", now);
        answers.remember("shop", "t1", revokedLater, new byte[] {1}, now);
        answers.remember("shop", "t2", expired, new byte[] {2}, now);
        assertThat(answers.answerFor("shop", "t1")).isPresent();

        revoked.revoke(revokedLater.sessionId().toString(), now.plusSeconds(600));

        assertThat(answers.answerFor("shop", "t1")).isEmpty();
        assertThat(answers.answerFor("shop", "t2")).isEmpty();
    }

    @Test
    void shouldKeepAnswersOnlyForTheAppTheTokenBelongsToAndForgetTheUsersNamed() {
        AccessTokenClaims shops = claims("shop", now.plusSeconds(600));
        AccessTokenClaims others = claims("other", now.plusSeconds(600));
        answers.remember("other", "t1", shops, new byte[] {1}, now);
        answers.remember("shop", "t1", shops, new byte[] {1}, now);
        answers.remember("other", "t2", others, new byte[] {2}, now);

        assertThat(answers.answerFor("other", "t1")).isEmpty();
        answers.sessionsEnded(List.of("not-an-id", shops.userId().toString()));

        assertThat(answers.answerFor("shop", "t1")).isEmpty();
        assertThat(answers.answerFor("other", "t2")).isPresent();
    }

    @Test
    void shouldNotKeepAnAnswerAskedBeforeItsUsersSessionsEndedOrOfARevokedSession() {
        AccessTokenClaims user = claims("shop", now.plusSeconds(600));
        answers.sessionsEnded(List.of(user.userId().toString()));

        // Passport may have checked the session before the logout committed.
        answers.remember("shop", "asked-before", user, new byte[] {1}, now.minusMillis(5));
        answers.remember("shop", "asked-at-once", user, new byte[] {1}, now);
        assertThat(answers.answerFor("shop", "asked-before")).isEmpty();
        assertThat(answers.answerFor("shop", "asked-at-once")).isEmpty();

        AccessTokenClaims revokedOne = claims("shop", now.plusSeconds(600));
        revoked.revoke(revokedOne.sessionId().toString(), now.plusSeconds(600));
        answers.remember("shop", "revoked", revokedOne, new byte[] {1}, now);
        assertThat(answers.answerFor("shop", "revoked")).isEmpty();
    }

    @Test
    void shouldStopGivingAnswersAskedBeforeTheirUserChangedSomethingAndKeepThoseAskedAfter() {
        AccessTokenClaims user = claims("default", now.plusSeconds(600));
        AccessTokenClaims someoneElse = claims("default", now.plusSeconds(600));
        answers.remember("default", "t1", user, new byte[] {1}, now.minusMillis(5));
        answers.remember("default", "t2", someoneElse, new byte[] {2}, now.minusMillis(5));

        answers.forgetUser(user.userId());

        assertThat(answers.answerFor("default", "t1")).isEmpty();
        assertThat(answers.answerFor("default", "t2")).isPresent();
        answers.remember("default", "t1", user, new byte[] {1}, now.minusMillis(1));
        assertThat(answers.answerFor("default", "t1")).as("asked while the change was under way").isEmpty();
        answers.remember("default", "t1", user, new byte[] {3}, now.plusMillis(1));
        assertThat(answers.answerFor("default", "t1")).map(KeptAnswers.Answer::body).hasValueSatisfying(body ->
                assertThat(body).containsExactly(3));
    }

    @Test
    void shouldEndEveryAnswerAskedBeforeAChangeItCouldNoLongerRememberAndEachAtItsTimeFromTheQuestion() {
        KeptAnswers fewMarks = new KeptAnswers(Duration.ofSeconds(1), 1_000_000, true, revoked, clock, 2);
        AccessTokenClaims quiet = claims("default", now.plusSeconds(600));
        fewMarks.remember("default", "quiet", quiet, new byte[] {1}, now.minusMillis(5));
        fewMarks.remember("default", "old", quiet, new byte[] {1}, now.minusMillis(1000));
        assertThat(fewMarks.answerFor("default", "quiet")).isPresent();
        assertThat(fewMarks.answerFor("default", "old")).as("asked a full second ago").isEmpty();

        for (int i = 0; i < 50; i++) {
            fewMarks.forgetUser(UUID.randomUUID());
        }

        assertThat(fewMarks.answerFor("default", "quiet")).as("its user's mark may have been the one let go").isEmpty();
        fewMarks.remember("default", "quiet", quiet, new byte[] {1}, now.plusMillis(1));
        assertThat(fewMarks.answerFor("default", "quiet")).isPresent();
    }

    @Test
    void shouldKeepAnswersWithinTheirMemory() {
        KeptAnswers small = new KeptAnswers(Duration.ofSeconds(1), 4_000, true, revoked, clock);
        for (int i = 0; i < 50; i++) {
            small.remember("shop", "t".repeat(500) + i, claims("shop", now.plusSeconds(600)), new byte[300], now);
        }
        assertThat(small.size()).isLessThanOrEqualTo(4);
    }

    @Test
    void shouldKeepNothingWhenSwitchedOff() {
        KeptAnswers off = new KeptAnswers(Duration.ZERO, 1_000_000, true, revoked, clock);
        off.remember("shop", "t1", claims("shop", now.plusSeconds(600)), new byte[] {1}, now);
        assertThat(off.enabled()).isFalse();
        assertThat(off.answerFor("shop", "t1")).isEmpty();
    }

    @Test
    void shouldClaimOneRefreshOfAnAnswerInTheLastFifthOfItsTimeAndKeepPassportsNewAnswer() {
        AccessTokenClaims user = claims("shop", now.plusSeconds(600));
        answers.remember("shop", "t1", user, new byte[] {1}, now.minusMillis(790));
        assertThat(answers.claimRefresh("shop", "t1", answers.answerFor("shop", "t1").orElseThrow())).isFalse();

        answers.remember("shop", "t1", user, new byte[] {1}, now.minusMillis(800));
        KeptAnswers.Answer old = answers.answerFor("shop", "t1").orElseThrow();
        assertThat(answers.claimRefresh("shop", "t1", old)).isTrue();
        assertThat(answers.claimRefresh("shop", "t1", old)).as("one refresh at a time").isFalse();
        assertThat(answers.claimRefresh("other", "t1", old)).as("another app's answer is its own").isTrue();

        answers.refreshed("shop", "t1", old, new byte[] {2}, now);

        KeptAnswers.Answer fresh = answers.answerFor("shop", "t1").orElseThrow();
        assertThat(fresh.body()).containsExactly(2);
        assertThat(fresh.askedAt()).isEqualTo(now);
        assertThat(fresh.sessionId()).isEqualTo(user.sessionId());
        assertThat(answers.claimRefresh("shop", "t1", fresh)).isFalse();
        assertThat(answers.claimRefresh("shop", "t1", old)).as("claim released").isTrue();
    }

    @Test
    void shouldEndTheAnswerWhenPassportRefusesItsRefreshAndLetItEndAtItsTimeWhenPassportIsAway() {
        AccessTokenClaims user = claims("shop", now.plusSeconds(600));
        answers.remember("shop", "t1", user, new byte[] {1}, now.minusMillis(850));
        KeptAnswers.Answer kept = answers.answerFor("shop", "t1").orElseThrow();

        assertThat(answers.claimRefresh("shop", "t1", kept)).isTrue();
        answers.notRefreshed("shop", "t1");
        assertThat(answers.answerFor("shop", "t1")).isPresent();

        assertThat(answers.claimRefresh("shop", "t1", kept)).isTrue();
        answers.refused("shop", "t1");
        assertThat(answers.answerFor("shop", "t1")).isEmpty();
    }

    @Test
    void shouldNotKeepARefreshAskedBeforeTheUsersSessionsEndedOrOfARevokedSession() {
        AccessTokenClaims loggedOut = claims("shop", now.plusSeconds(600));
        AccessTokenClaims revokedLater = claims("shop", now.plusSeconds(600));
        answers.remember("shop", "t1", loggedOut, new byte[] {1}, now.minusMillis(850));
        answers.remember("shop", "t2", revokedLater, new byte[] {2}, now.minusMillis(850));
        KeptAnswers.Answer first = answers.answerFor("shop", "t1").orElseThrow();
        KeptAnswers.Answer second = answers.answerFor("shop", "t2").orElseThrow();
        assertThat(answers.claimRefresh("shop", "t1", first)).isTrue();
        assertThat(answers.claimRefresh("shop", "t2", second)).isTrue();

        answers.sessionsEnded(List.of(loggedOut.userId().toString()));
        revoked.revoke(revokedLater.sessionId().toString(), now.plusSeconds(600));
        answers.refreshed("shop", "t1", first, new byte[] {3}, now.minusMillis(1));
        answers.refreshed("shop", "t2", second, new byte[] {4}, now);

        assertThat(answers.answerFor("shop", "t1")).isEmpty();
        assertThat(answers.answerFor("shop", "t2")).isEmpty();
    }

    @Test
    void shouldNeverRefreshWhenRefreshingAheadIsOff() {
        KeptAnswers waiting = new KeptAnswers(Duration.ofSeconds(1), 1_000_000, false, revoked, clock);
        waiting.remember("shop", "t1", claims("shop", now.plusSeconds(600)), new byte[] {1}, now.minusMillis(900));

        assertThat(waiting.claimRefresh("shop", "t1", waiting.answerFor("shop", "t1").orElseThrow())).isFalse();
    }
}
