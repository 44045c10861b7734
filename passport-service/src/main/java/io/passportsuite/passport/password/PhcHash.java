package io.passportsuite.passport.password;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Argon2id hash in the PHC string format the reference implementation, Spring Security and
 * most libraries write: {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, salt and hash in
 * standard Base64 without padding. Keeping that format means hashes stay portable to any other
 * Argon2 implementation.
 */
record PhcHash(Argon2Cost cost, byte[] salt, byte[] hash) {

    /** Generous: the longest valid string is about 210 characters. */
    private static final int MAX_ENCODED_LENGTH = 256;
    /** The smallest salt Argon2 allows; hashes made elsewhere may use it (ours use 16 or more). */
    private static final int MIN_SALT_LENGTH = 8;
    private static final int MIN_HASH_LENGTH = 16;
    private static final int MAX_SALT_OR_HASH_LENGTH = 64;

    // Digits without leading zeros and with few enough of them to fit an int; bounds come after.
    private static final Pattern FORMAT = Pattern.compile(
            "\\$argon2id\\$v=([1-9][0-9]{0,2})\\$m=([1-9][0-9]{0,7}),t=([1-9][0-9]{0,2}),p=([1-9][0-9]{0,2})"
                    + "\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    String encode() {
        return "$argon2id$v=" + cost.version()
                + "$m=" + cost.memoryKib() + ",t=" + cost.iterations() + ",p=" + cost.parallelism()
                + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    /**
     * Reads a stored hash; empty for anything that is not a well-formed Argon2id hash with
     * parameters this service is willing to compute (a corrupt row must not make a login
     * allocate gigabytes or spin for minutes).
     */
    static Optional<PhcHash> parse(String encoded) {
        if (encoded == null || encoded.length() > MAX_ENCODED_LENGTH) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(encoded);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Argon2Cost cost = new Argon2Cost(
                Integer.parseInt(matcher.group(1)),
                Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3)),
                Integer.parseInt(matcher.group(4)));
        if (!computable(cost)) {
            return Optional.empty();
        }
        return decode(matcher.group(5), MIN_SALT_LENGTH).flatMap(salt ->
                decode(matcher.group(6), MIN_HASH_LENGTH).map(hash -> new PhcHash(cost, salt, hash)));
    }

    private static boolean computable(Argon2Cost cost) {
        return (cost.version() == Argon2Cost.VERSION_13 || cost.version() == Argon2Cost.VERSION_10)
                && cost.parallelism() <= Argon2Settings.MAX_PARALLELISM
                && cost.iterations() <= Argon2Settings.MAX_ITERATIONS
                // Argon2 needs at least 8 KiB per lane.
                && cost.memoryKib() >= 8 * cost.parallelism()
                && cost.memoryKib() <= Argon2Settings.MAX_MEMORY_KIB;
    }

    /** Only the canonical encoding: what decodes must encode back to the same text. */
    private static Optional<byte[]> decode(String base64, int minLength) {
        byte[] bytes;
        try {
            bytes = DECODER.decode(base64);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length < minLength || bytes.length > MAX_SALT_OR_HASH_LENGTH
                || !ENCODER.encodeToString(bytes).equals(base64)) {
            return Optional.empty();
        }
        return Optional.of(bytes);
    }
}
