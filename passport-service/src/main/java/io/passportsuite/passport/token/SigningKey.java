package io.passportsuite.passport.token;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * An RS256 signing key and its schedule: it signs from {@code activatesAt} until {@code retiresAt}
 * (open while it has no successor) and is published until {@code expiresAt}.
 *
 * @param privateKey absent for keys loaded only to verify, i.e. those that no longer sign
 */
record SigningKey(String kid, RSAPublicKey publicKey, RSAPrivateKey privateKey, Instant createdAt,
        Instant activatesAt, Instant retiresAt, Instant expiresAt) {

    static final String ALGORITHM = "RS256";
    private static final int RSA_BITS = 2048;

    /** A new key pair; its kid is the RFC 7638 thumbprint, unique per key and stable everywhere. */
    static SigningKey generate(Instant createdAt, Instant activatesAt) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS);
            KeyPair pair = generator.generateKeyPair();
            RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
            String kid = new RSAKey.Builder(publicKey).build().computeThumbprint().toString();
            return new SigningKey(kid, publicKey, (RSAPrivateKey) pair.getPrivate(), createdAt, activatesAt, null, null);
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("RSA key generation is part of every JDK", e);
        }
    }

    boolean signsAt(Instant now) {
        return !now.isBefore(activatesAt) && (retiresAt == null || now.isBefore(retiresAt));
    }

    boolean publishedAt(Instant now) {
        return expiresAt == null || now.isBefore(expiresAt);
    }

    /** Key material stays out of logs. */
    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", activatesAt=" + activatesAt + ", retiresAt=" + retiresAt
                + ", expiresAt=" + expiresAt + "]";
    }
}
