package io.passportsuite.gateway.security;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The path a service behind the gateway will see, for the policy to judge. The gateway forwards the
 * raw path, and a servlet container decodes and normalises it: {@code /auth/../internal/x} or
 * {@code /auth/%2e%2e/internal/x} would reach {@code /internal/x} while matching {@code /auth/**}
 * here. So a path that decodes to anything but plain segments is refused outright instead of being
 * normalised in a way that might differ from the service's.
 */
final class RequestPaths {

    private RequestPaths() {
    }

    /** The decoded path without a trailing slash, or empty when it is ambiguous and must be refused. */
    static Optional<String> canonical(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return Optional.empty();
        }
        String decoded = percentDecode(rawPath);
        if (decoded == null || decoded.contains("//") || decoded.indexOf('\\') >= 0 || decoded.indexOf(';') >= 0
                || decoded.indexOf('%') >= 0) {
            return Optional.empty();
        }
        for (int i = 0; i < decoded.length(); i++) {
            if (Character.isISOControl(decoded.charAt(i))) {
                return Optional.empty();
            }
        }
        for (String segment : decoded.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.empty();
            }
        }
        if (rawPath.length() > 1 && (containsEncoded(rawPath, "2f") || containsEncoded(rawPath, "5c"))) {
            return Optional.empty();
        }
        return Optional.of(decoded.length() > 1 && decoded.endsWith("/") ? decoded.substring(0, decoded.length() - 1) : decoded);
    }

    private static boolean containsEncoded(String rawPath, String hex) {
        return rawPath.toLowerCase(java.util.Locale.ROOT).contains("%" + hex);
    }

    /** Percent-decoding of a path ({@code +} stays a plus); null when an escape is malformed. */
    private static String percentDecode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[bytes.length];
        int length = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%') {
                if (i + 2 >= bytes.length) {
                    return null;
                }
                int high = Character.digit(bytes[i + 1], 16);
                int low = Character.digit(bytes[i + 2], 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                out[length++] = (byte) (high * 16 + low);
                i += 2;
            } else {
                out[length++] = bytes[i];
            }
        }
        return new String(out, 0, length, StandardCharsets.UTF_8);
    }
}
