package io.passportsuite.passport.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Refresh tokens are 256 random bits, stored only as SHA-256 digests. A rotated token's successor
 * is derived from it with an HMAC keyed by a server secret: a client that retries a refresh
 * within the grace window gets the very same successor back, although its clear text was never
 * stored, while someone holding an old token but not the server secret cannot derive anything.
 */
@Component
class RefreshTokenCodec {

    private static final SecureRandom random = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    static final int MAX_TOKEN_LENGTH = 128;

    private final SecretKeySpec successorKey;

    RefreshTokenCodec(@Value("${passport.tokens.key-encryption-key:}") String keyEncryptionKey) {
        if (keyEncryptionKey.isBlank()) {
            throw new IllegalStateException("Set PASSPORT_KEY_ENCRYPTION_KEY (base64 of 32 random bytes): passport derives its token secrets from it");
        }
        // A subkey for this one purpose, so the key-encryption key itself never keys an HMAC.
        this.successorKey = new SecretKeySpec(hmac(new SecretKeySpec(keyEncryptionKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
                "refresh-token-successor"), "HmacSHA256");
    }

    String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    String successorOf(String token) {
        return BASE64URL.encodeToString(hmac(successorKey, token));
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean plausible(String token) {
        return token != null && !token.isEmpty() && token.length() <= MAX_TOKEN_LENGTH;
    }

    private static byte[] hmac(SecretKeySpec key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
