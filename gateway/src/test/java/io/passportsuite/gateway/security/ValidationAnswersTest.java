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

class ValidationAnswersTest {

    private final Instant now = Instant.now();
    private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    private final RevokedSessions revoked = new RevokedSessions(clock);
    private final ValidationAnswers answers = new ValidationAnswers(Duration.ofSeconds(1), 1_000_000, revoked, clock);

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
        answers.forgetUsers(List.of("not-an-id", shops.userId().toString()));

        assertThat(answers.answerFor("shop", "t1")).isEmpty();
        assertThat(answers.answerFor("other", "t2")).isPresent();
    }

    @Test
    void shouldNotKeepAnAnswerAskedBeforeItsUsersSessionsEndedOrOfARevokedSession() {
        AccessTokenClaims user = claims("shop", now.plusSeconds(600));
        answers.forgetUsers(List.of(user.userId().toString()));

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
    void shouldKeepAnswersWithinTheirMemory() {
        ValidationAnswers small = new ValidationAnswers(Duration.ofSeconds(1), 4_000, revoked, clock);
        for (int i = 0; i < 50; i++) {
            small.remember("shop", "t".repeat(500) + i, claims("shop", now.plusSeconds(600)), new byte[300], now);
        }
        assertThat(small.size()).isLessThanOrEqualTo(4);
    }

    @Test
    void shouldKeepNothingWhenSwitchedOff() {
        ValidationAnswers off = new ValidationAnswers(Duration.ZERO, 1_000_000, revoked, clock);
        off.remember("shop", "t1", claims("shop", now.plusSeconds(600)), new byte[] {1}, now);
        assertThat(off.enabled()).isFalse();
        assertThat(off.answerFor("shop", "t1")).isEmpty();
    }
}
