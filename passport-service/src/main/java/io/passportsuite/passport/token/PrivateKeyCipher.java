package io.passportsuite.passport.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals private signing keys for the database with AES-256-GCM under the key-encryption key.
 * The sealed form is the 12-byte random nonce followed by ciphertext and tag; the kid is the
 * associated data, so a sealed key copied onto another row does not open.
 */
final class PrivateKeyCipher {

    static final String SETTING = "passport.tokens.key-encryption-key (PASSPORT_KEY_ENCRYPTION_KEY)";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey keyEncryptionKey;
    private final SecureRandom random = new SecureRandom();

    PrivateKeyCipher(String base64KeyEncryptionKey) {
        this.keyEncryptionKey = new SecretKeySpec(decode(base64KeyEncryptionKey), "AES");
    }

    byte[] seal(String kid, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, kid);
            byte[] ciphertext = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + ciphertext.length).put(nonce).put(ciphertext).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    byte[] open(String kid, byte[] sealed) {
        if (sealed == null || sealed.length <= NONCE_BYTES) {
            throw new IllegalStateException("The private key of signing key " + kid + " is missing or truncated");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(sealed, NONCE_BYTES), kid);
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("The private key of signing key " + kid + " does not decrypt with the configured "
                    + SETTING + ": it was sealed under another key-encryption key, or altered", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot decrypt the private key of signing key " + kid, e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String kid) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, keyEncryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static byte[] decode(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalStateException(SETTING + " is not set. Set PASSPORT_KEY_ENCRYPTION_KEY to the base64 "
                    + "encoding of 32 random bytes (e.g. `openssl rand -base64 32`); it encrypts the token signing keys.");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(SETTING + " is not valid base64. PASSPORT_KEY_ENCRYPTION_KEY must be the "
                    + "base64 encoding of 32 random bytes (e.g. `openssl rand -base64 32`).");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException(SETTING + " decodes to " + key.length + " bytes. PASSPORT_KEY_ENCRYPTION_KEY "
                    + "must be the base64 encoding of exactly 32 random bytes (e.g. `openssl rand -base64 32`).");
        }
        return key;
    }
}
