package io.passportsuite.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;

import io.passportsuite.common.testing.TestClock;
import reactor.core.publisher.Mono;

class JwksKeysTest {

    private final RSAKey current = TestTokens.newKey("current");
    private final RSAKey next = TestTokens.newKey("next");
    private final AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet(current).toPublicJWKSet());
    private final AtomicInteger fetches = new AtomicInteger();
    private final TestClock clock = new TestClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final JwksKeys keys = new JwksKeys(
            Mono.fromSupplier(() -> {
                fetches.incrementAndGet();
                return published.get().toString();
            }),
            Duration.ofMinutes(5), Duration.ofSeconds(10), clock);

    @Test
    void shouldFetchOnceForAFloodOfUnknownKids() {
        assertThat(keys.verifierFor("current").block()).isPresent();
        clock.advance(Duration.ofSeconds(11));

        for (int i = 0; i < 100; i++) {
            assertThat(keys.verifierFor("forged-" + i).block()).isEmpty();
        }

        assertThat(fetches.get()).isEqualTo(2);
    }

    @Test
    void shouldPickUpANewlyPublishedKeyOnceTheIntervalHasPassed() {
        assertThat(keys.verifierFor("current").block()).isPresent();
        published.set(new JWKSet(java.util.List.of(current, next)).toPublicJWKSet());

        clock.advance(Duration.ofSeconds(11));

        assertThat(keys.verifierFor("next").block()).isPresent();
        assertThat(fetches.get()).isEqualTo(2);
    }

    @Test
    void shouldDropAKeyPassportNoLongerPublishesAfterTheMaxAge() {
        assertThat(keys.verifierFor("current").block()).isPresent();
        published.set(new JWKSet(next).toPublicJWKSet());

        clock.advance(Duration.ofMinutes(6));

        assertThat(keys.verifierFor("current").block()).isEmpty();
    }

    @Test
    void shouldKeepTheKnownKeysWhenAFetchFails() {
        AtomicInteger calls = new AtomicInteger();
        JwksKeys flaky = new JwksKeys(Mono.defer(() -> calls.incrementAndGet() == 1
                ? Mono.just(published.get().toString()) : Mono.error(new IllegalStateException("passport is down"))),
                Duration.ofMinutes(5), Duration.ofSeconds(10), clock);
        assertThat(flaky.verifierFor("current").block()).isPresent();

        clock.advance(Duration.ofMinutes(6));

        assertThat(flaky.verifierFor("current").block()).isPresent();
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void shouldRetrySoonWhenNoKeyCouldBeFetchedYet() {
        AtomicInteger calls = new AtomicInteger();
        JwksKeys starting = new JwksKeys(Mono.defer(() -> calls.incrementAndGet() == 1
                ? Mono.error(new IllegalStateException("passport not registered yet")) : Mono.just(published.get().toString())),
                Duration.ofMinutes(5), Duration.ofSeconds(10), clock);
        assertThat(starting.verifierFor("current").block()).isEmpty();

        clock.advance(Duration.ofMillis(1_100));

        assertThat(starting.verifierFor("current").block()).isPresent();
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void shouldIgnoreKeysThatAreNotRsaSigningKeys() throws Exception {
        RSAKey encryption = new RSAKey.Builder(TestTokens.newKey("enc").toRSAPublicKey())
                .keyID("enc").keyUse(com.nimbusds.jose.jwk.KeyUse.ENCRYPTION).build();

        assertThat(JwksKeys.parse(new JWKSet(java.util.List.of(current.toPublicJWK(), encryption)).toString()))
                .containsOnlyKeys("current");
    }
}
