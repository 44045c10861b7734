package io.passportsuite.passport.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.jwk.RSAKey;

class SigningKeyRingTest {

    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    private static final Duration OVERLAP = Duration.ofHours(24).plusSeconds(30);
    private static final SigningKey FIRST = SigningKey.generate(T0, T0);
    private static final SigningKey SECOND = SigningKey.generate(T0.plus(Duration.ofDays(30)), T0.plus(Duration.ofDays(30)).plus(Duration.ofHours(1)));

    private final SigningKeyRing ring = new SigningKeyRing(RsaSigners.jdkOnly());

    @Test
    void shouldSignWithTheSuccessorOnlyOnceItActivates() {
        Instant handover = SECOND.activatesAt();
        ring.replace(List.of(retired(FIRST, handover, true), SECOND));

        assertThat(ring.signingAt(handover.minusSeconds(1)).orElseThrow().key().kid()).isEqualTo(FIRST.kid());
        assertThat(ring.signingAt(handover).orElseThrow().key().kid()).isEqualTo(SECOND.kid());
        assertThat(ring.signingAt(T0.minusSeconds(1))).isEmpty();
    }

    @Test
    void shouldPublishTheSuccessorBeforeItSignsAndTheRetiredKeyUntilItExpires() {
        Instant handover = SECOND.activatesAt();
        ring.replace(List.of(retired(FIRST, handover, false), SECOND));

        assertThat(kids(ring.publishedAt(handover.minusSeconds(1)))).containsExactly(SECOND.kid(), FIRST.kid());
        assertThat(kids(ring.publishedAt(handover.plus(OVERLAP).minusSeconds(1)))).containsExactly(SECOND.kid(), FIRST.kid());
        assertThat(kids(ring.publishedAt(handover.plus(OVERLAP)))).containsExactly(SECOND.kid());
        assertThat(ring.verifierAt(FIRST.kid(), handover.plus(OVERLAP).minusSeconds(1))).isNotNull();
        assertThat(ring.verifierAt(FIRST.kid(), handover.plus(OVERLAP))).isNull();
    }

    @Test
    void shouldNeverSignWithAKeyLoadedWithoutItsPrivateHalf() {
        ring.replace(List.of(retired(FIRST, SECOND.activatesAt(), false)));

        assertThat(ring.signingAt(T0.plusSeconds(1))).isEmpty();
        assertThat(ring.verifierAt(FIRST.kid(), T0.plusSeconds(1))).isNotNull();
    }

    @Test
    void shouldKeepTheVerifierOfAKidAcrossReloads() {
        ring.replace(List.of(FIRST));
        var verifier = ring.verifierAt(FIRST.kid(), T0);
        ring.replace(List.of(retired(FIRST, SECOND.activatesAt(), true), SECOND));

        assertThat(ring.verifierAt(FIRST.kid(), T0)).isSameAs(verifier);
        assertThat(ring.verifierAt(SECOND.kid(), T0)).isNotNull().isNotSameAs(verifier);
    }

    @Test
    void shouldForgetAKeyThatIsNoLongerLoaded() {
        ring.replace(List.of(FIRST, SECOND));
        ring.replace(List.of(SECOND));

        assertThat(ring.verifierAt(FIRST.kid(), T0)).isNull();
        assertThat(kids(ring.publishedAt(T0))).containsExactly(SECOND.kid());
    }

    @Test
    void shouldPublishOnlyPublicKeyMaterial() {
        ring.replace(List.of(FIRST));

        RSAKey jwk = ring.publishedAt(T0).getFirst();
        assertThat(jwk.isPrivate()).isFalse();
        assertThat(jwk.toJSONObject()).containsOnlyKeys("kty", "n", "e", "kid", "alg", "use")
                .containsEntry("alg", "RS256").containsEntry("use", "sig").containsEntry("kid", FIRST.kid());
    }

    private static SigningKey retired(SigningKey key, Instant retiresAt, boolean withPrivateKey) {
        return new SigningKey(key.kid(), key.publicKey(), withPrivateKey ? key.privateKey() : null, key.createdAt(),
                key.activatesAt(), retiresAt, retiresAt.plus(OVERLAP));
    }

    private static List<String> kids(List<RSAKey> keys) {
        return keys.stream().map(RSAKey::getKeyID).toList();
    }
}
