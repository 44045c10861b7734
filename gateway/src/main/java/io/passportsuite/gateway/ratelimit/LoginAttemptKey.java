package io.passportsuite.gateway.ratelimit;

import java.util.HexFormat;
import java.util.regex.Pattern;

import io.passportsuite.common.digest.Sha256;
import io.passportsuite.common.identity.Contacts;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a login attempt's body names (the account, the app) in the form the rate-limit counters are
 * kept under: read by the gateway before the service sees the attempt.
 */
final class LoginAttemptKey {

    private static final JsonMapper json = new JsonMapper();
    private static final Pattern APP_ID = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,63}$");

    private LoginAttemptKey() {
    }

    /**
     * The account the field names, in passport's own normal form ({@code " Alice@X.com"} and
     * {@code "alice@x.com"}, {@code "+86 138..."} and {@code "0086138..."} share a counter); null when absent.
     */
    static String account(byte[] body, String field) {
        String value = field(body, field);
        return value == null ? null : Contacts.accountKey(value);
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

    /**
     * The app as it goes into a counter's key. App ids are at most 64 characters of
     * {@code [a-z0-9_-]}; anything else a body may carry (up to the body limit) is no app, and
     * stands in the key as a digest of fixed length so no body can make a key of its size.
     */
    static String appKey(String app) {
        return APP_ID.matcher(app).matches() ? app : "~" + digest(app);
    }

    /** Counter keys hold a digest, not the e-mail address or phone number itself. */
    static String digest(String identifier) {
        return HexFormat.of().formatHex(Sha256.of(identifier), 0, 16);
    }
}
