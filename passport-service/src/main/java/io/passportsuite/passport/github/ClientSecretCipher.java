package io.passportsuite.passport.github;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.passportsuite.passport.crypto.DerivedSecrets;

/**
 * Seals GitHub client secrets for the database: AES-256-GCM under a key derived from the
 * key-encryption key for this purpose only, a random 12-byte nonce first, and the app id as
 * associated data, so a sealed secret copied onto another app's row does not open.
 */
@Component
class ClientSecretCipher {

    private static final Logger log = LoggerFactory.getLogger(ClientSecretCipher.class);

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    ClientSecretCipher(DerivedSecrets secrets) {
        this.key = new SecretKeySpec(secrets.keyFor("github-client-secret").getEncoded(), "AES");
    }

    byte[] seal(String appId, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            byte[] ciphertext = cipher(Cipher.ENCRYPT_MODE, nonce, appId).doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + ciphertext.length).put(nonce).put(ciphertext).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /**
     * The secret, or empty when it does not open: sealed under another key-encryption key (rotated,
     * or the wrong one configured) or damaged. The app then has no usable secret until an operator
     * sets it again; its logins are refused as not configured rather than failing.
     */
    Optional<String> open(String appId, byte[] sealed) {
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(sealed, NONCE_BYTES), appId);
            return Optional.of(new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | RuntimeException e) {
            log.warn("The GitHub client secret of app {} does not decrypt with the configured key-encryption key: "
                    + "GitHub login is off for the app until its client_secret is set again ({})", appId, e.toString());
            return Optional.empty();
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String appId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(appId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
