package io.passportsuite.common.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a string's UTF-8 bytes, as the suite stores and compares secrets it must recognise
 * without keeping them (API keys, refresh tokens, state values, rate-limit keys). Each call digests
 * with a copy of one instance: {@code MessageDigest.getInstance} looks the algorithm up among the
 * security providers, reflection included, at every call, and several of these digests are taken on
 * every request (in the gateway's profile, most of the API-key check's 3 % of the samples).
 */
public final class Sha256 {

    private static final MessageDigest PROTOTYPE;

    static {
        try {
            PROTOTYPE = MessageDigest.getInstance("SHA-256");
            // The JDK's SHA-256 can be copied; fail at start, not at a request, if a provider's cannot.
            PROTOTYPE.clone();
        } catch (NoSuchAlgorithmException | CloneNotSupportedException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Sha256() {
    }

    /** The 32 bytes of the digest. */
    public static byte[] of(String value) {
        return fresh().digest(value.getBytes(StandardCharsets.UTF_8));
    }

    /** The digest in lower-case hexadecimal, 64 characters. */
    public static String hex(String value) {
        return HexFormat.of().formatHex(of(value));
    }

    private static MessageDigest fresh() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 could be copied when the class was loaded", e);
        }
    }
}
