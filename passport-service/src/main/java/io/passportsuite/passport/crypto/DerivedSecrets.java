package io.passportsuite.passport.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Per-purpose HMAC keys derived from the key-encryption key, so that one configured secret keys
 * several mechanisms without any of them using it directly.
 */
@Component
public class DerivedSecrets {

    private final SecretKeySpec master;

    DerivedSecrets(@Value("${passport.tokens.key-encryption-key:}") String keyEncryptionKey) {
        if (keyEncryptionKey.isBlank()) {
            throw new IllegalStateException("Set PASSPORT_KEY_ENCRYPTION_KEY (base64 of 32 random bytes): passport derives its secrets from it");
        }
        this.master = new SecretKeySpec(keyEncryptionKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public SecretKeySpec keyFor(String purpose) {
        return new SecretKeySpec(hmac(master, purpose), "HmacSHA256");
    }

    public static byte[] hmac(SecretKeySpec key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
