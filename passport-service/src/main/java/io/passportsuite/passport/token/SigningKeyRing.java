package io.passportsuite.passport.token;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * The signing keys this process knows, held in memory so that issuing and verifying never touch
 * the database. Replaced as a whole on every reload; a kid's verifier, signer and JWK are built
 * once and carried over, since a kid always names the same key pair.
 */
@Component
class SigningKeyRing {

    record Entry(SigningKey key, JWSVerifier verifier, JWSSigner signer, RSAKey publicJwk) {
    }

    private final RsaSigners signers;
    private volatile Map<String, Entry> entries = Map.of();

    SigningKeyRing(RsaSigners signers) {
        this.signers = signers;
    }

    void replace(Collection<SigningKey> keys) {
        Map<String, Entry> previous = entries;
        Map<String, Entry> next = new HashMap<>();
        for (SigningKey key : keys) {
            Entry known = previous.get(key.kid());
            JWSVerifier verifier = known != null ? known.verifier() : new RSASSAVerifier(key.publicKey());
            RSAKey jwk = known != null ? known.publicJwk() : publicJwk(key);
            JWSSigner signer = key.privateKey() == null ? null
                    : known != null && known.signer() != null ? known.signer() : signers.signerFor(key);
            next.put(key.kid(), new Entry(key, verifier, signer, jwk));
        }
        entries = Map.copyOf(next);
    }

    /** The key that signs now: of those active, the one that activated last. */
    Optional<Entry> signingAt(Instant now) {
        return entries.values().stream()
                .filter(entry -> entry.signer() != null && entry.key().signsAt(now))
                .max(Comparator.comparing(entry -> entry.key().activatesAt()));
    }

    /** The verifier of a published key; null for a kid that is unknown or no longer published. */
    JWSVerifier verifierAt(String kid, Instant now) {
        Entry entry = entries.get(kid);
        return entry != null && entry.key().publishedAt(now) ? entry.verifier() : null;
    }

    /** Every key a verifier may meet now, newest first: the one that signs, its successor, retired ones. */
    List<RSAKey> publishedAt(Instant now) {
        return entries.values().stream()
                .filter(entry -> entry.key().publishedAt(now))
                .sorted(Comparator.comparing((Entry entry) -> entry.key().activatesAt()).reversed())
                .map(Entry::publicJwk)
                .toList();
    }

    private static RSAKey publicJwk(SigningKey key) {
        return new RSAKey.Builder(key.publicKey())
                .keyID(key.kid())
                .algorithm(JWSAlgorithm.RS256)
                .keyUse(KeyUse.SIGNATURE)
                .build();
    }
}
