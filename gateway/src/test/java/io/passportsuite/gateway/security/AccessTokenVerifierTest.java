package io.passportsuite.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;

import io.passportsuite.common.testing.TestClock;
import io.passportsuite.common.token.AccessTokenCheck;
import io.passportsuite.common.token.AccessTokenCheck.Reason;
import reactor.core.publisher.Mono;

/** The verifier remembers tokens that passed; these are the cases where it must not trust that memory. */
class AccessTokenVerifierTest {

    private static final Duration SKEW = Duration.ofSeconds(30);

    private final RSAKey current = TestTokens.newKey("current");
    private final AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet(current).toPublicJWKSet());
    private final TestClock clock = new TestClock(Instant.now());
    private final JwksKeys keys = new JwksKeys(Mono.fromSupplier(() -> published.get().toString()),
            Duration.ofMinutes(5), Duration.ofSeconds(10), clock);
    private final AccessTokenVerifier verifier = new AccessTokenVerifier(keys, TestTokens.ISSUER, SKEW, clock);

    @Test
    void aTokenThatPassedPassesAgainWithTheSameIdentity() {
        String userId = UUID.randomUUID().toString();
        String token = TestTokens.sign(current, TestTokens.claims(userId, 9, UUID.randomUUID().toString()).build());

        AccessTokenCheck first = verifier.verify(token).block();
        AccessTokenCheck second = verifier.verify(token).block();

        assertThat(first).isInstanceOf(AccessTokenCheck.Valid.class);
        assertThat(second).isEqualTo(first);
        assertThat(((AccessTokenCheck.Valid) second).claims().userId()).isEqualTo(UUID.fromString(userId));
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() {
        String token = TestTokens.sign(current, TestTokens.claims(UUID.randomUUID().toString(), 1, UUID.randomUUID().toString())
                .expirationTime(Date.from(clock.instant().plusSeconds(60)))
                .build());
        assertThat(verifier.verify(token).block()).isInstanceOf(AccessTokenCheck.Valid.class);

        clock.advance(Duration.ofSeconds(60).plus(SKEW).plusSeconds(1));

        assertThat(verifier.verify(token).block()).isEqualTo(new AccessTokenCheck.Invalid(Reason.EXPIRED));
    }

    @Test
    void aRememberedTokenIsRefusedOncePassportStopsPublishingItsKey() {
        String token = TestTokens.sign(current, TestTokens.claims(UUID.randomUUID().toString(), 1, UUID.randomUUID().toString())
                .expirationTime(Date.from(clock.instant().plus(Duration.ofHours(1))))
                .build());
        assertThat(verifier.verify(token).block()).isInstanceOf(AccessTokenCheck.Valid.class);

        // The key is withdrawn (say, compromised); once the published set is re-read, its tokens are done.
        published.set(new JWKSet(TestTokens.newKey("replacement")).toPublicJWKSet());
        clock.advance(Duration.ofMinutes(6));

        assertThat(verifier.verify(token).block()).isEqualTo(new AccessTokenCheck.Invalid(Reason.UNKNOWN_KEY));
    }

    @Test
    void aTamperedCopyOfARememberedTokenIsStillChecked() {
        String token = TestTokens.sign(current, TestTokens.claims(UUID.randomUUID().toString(), 1, UUID.randomUUID().toString()).build());
        assertThat(verifier.verify(token).block()).isInstanceOf(AccessTokenCheck.Valid.class);
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        assertThat(verifier.verify(forged).block()).isEqualTo(new AccessTokenCheck.Invalid(Reason.BAD_SIGNATURE));
    }
}
