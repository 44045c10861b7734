package io.passportsuite.membership.invite;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Invite codes: 16 Crockford base32 characters (80 random bits) written {@code XXXX-XXXX-XXXX-XXXX}.
 * Read case-insensitively, dashes and spaces ignored, and with Crockford's look-alikes (O for 0,
 * I and L for 1) accepted. Only the SHA-256 of the normalised code is stored.
 */
public final class InviteCode {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private InviteCode() {
    }

    public static String generate() {
        StringBuilder code = new StringBuilder(LENGTH + 3);
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** The code as it is digested, or empty when the text cannot be a code. */
    public static Optional<String> normalised(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        StringBuilder code = new StringBuilder(LENGTH);
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            char mapped = switch (c) {
                case '-', ' ' -> 0;
                case 'O' -> '0';
                case 'I', 'L' -> '1';
                default -> c;
            };
            if (mapped == 0) {
                continue;
            }
            if (ALPHABET.indexOf(mapped) < 0 || code.length() == LENGTH) {
                return Optional.empty();
            }
            code.append(mapped);
        }
        return code.length() == LENGTH ? Optional.of(code.toString()) : Optional.empty();
    }

    public static String digest(String normalised) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The digest of any text, a code or not: to record what was given without keeping it. */
    public static String digestOfAnything(String typed) {
        return digest(normalised(typed).orElse(typed == null ? "" : typed));
    }
}
