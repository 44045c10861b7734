package io.passportsuite.passport.session;

import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import io.passportsuite.common.digest.Sha256;
import io.passportsuite.passport.crypto.DerivedSecrets;

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

    RefreshTokenCodec(DerivedSecrets secrets) {
        this.successorKey = secrets.keyFor("refresh-token-successor");
    }

    String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    String successorOf(String token) {
        return BASE64URL.encodeToString(DerivedSecrets.hmac(successorKey, token));
    }

    static String hash(String token) {
        return Sha256.hex(token);
    }

    static boolean plausible(String token) {
        return token != null && !token.isEmpty() && token.length() <= MAX_TOKEN_LENGTH;
    }
}
