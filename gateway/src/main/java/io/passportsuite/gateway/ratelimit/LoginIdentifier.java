package io.passportsuite.gateway.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The account a login request names, in the form its counters are kept under. */
final class LoginIdentifier {

    private static final JsonMapper json = new JsonMapper();

    private LoginIdentifier() {
    }

    /** The field's value, trimmed and lower-cased so {@code " Alice@X.com"} and {@code "alice@x.com"} share a counter; null when absent. */
    static String from(byte[] body, String field) {
        String value = field(body, field);
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    /** A string field of a JSON object body, trimmed; null when absent, blank or not JSON. */
    static String field(byte[] body, String field) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode value = json.readTree(body).get(field);
            if (value == null || !value.isString()) {
                return null;
            }
            String trimmed = value.asString().strip();
            return trimmed.isEmpty() ? null : trimmed;
        } catch (JacksonException malformed) {
            return null;
        }
    }

    /** Counter keys hold a digest, not the e-mail address or phone number itself. */
    static String digest(String identifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identifier.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
