package io.passportsuite.passport.app;

import java.security.SecureRandom;

import io.passportsuite.common.digest.Sha256;

/**
 * How API keys look and are stored. A key is {@code psk_} + 8 characters that tell keys apart +
 * {@code _} + 40 random characters. Only its SHA-256 digest is stored: a key is long and random,
 * so unlike a password it needs no slow hash, and a digest lookup keeps every API call's check
 * cheap. The first characters are kept in clear so operators can tell keys apart.
 */
final class ApiKeys {

    static final int VISIBLE_PREFIX_LENGTH = 12;
    /** Longer keys are refused unread: no real key is this long, and each check hashes what it is given. */
    static final int MAX_LENGTH = 200;
    /** An imported key is a secret chosen elsewhere; shorter ones are too easy to guess to accept. */
    static final int MIN_IMPORTED_LENGTH = 20;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom random = new SecureRandom();

    private ApiKeys() {
    }

    static String generate() {
        return "psk_" + randomText(8) + "_" + randomText(40);
    }

    /** A key brought from another deployment: any format, as long as it is long enough and has no spaces or control characters. */
    static boolean acceptableImport(String apiKey) {
        return apiKey != null && apiKey.length() >= MIN_IMPORTED_LENGTH && apiKey.length() <= MAX_LENGTH
                && apiKey.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    static String hash(String apiKey) {
        return Sha256.hex(apiKey);
    }

    static String visiblePrefix(String apiKey) {
        return apiKey.substring(0, Math.min(VISIBLE_PREFIX_LENGTH, apiKey.length()));
    }

    private static String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
