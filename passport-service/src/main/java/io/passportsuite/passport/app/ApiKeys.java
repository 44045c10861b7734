package io.passportsuite.passport.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How API keys are stored: a SHA-256 digest, never the key. A key is long and random, so unlike a
 * password it needs no slow hash; a digest lookup keeps every API call's key check cheap. The
 * first characters are kept in clear so operators can tell keys apart.
 */
final class ApiKeys {

    static final int VISIBLE_PREFIX_LENGTH = 12;

    private ApiKeys() {
    }

    static String hash(String apiKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static String visiblePrefix(String apiKey) {
        return apiKey.substring(0, Math.min(VISIBLE_PREFIX_LENGTH, apiKey.length()));
    }
}
