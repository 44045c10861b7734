package io.passportsuite.common.token;

import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;

/**
 * The shape of a passport access token (RFC 9068 profile): what passport issues and what passport
 * and the gateway accept.
 */
public final class AccessTokenFormat {

    /** The {@code typ} passport issues. */
    public static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");
    /** {@code typ} values accepted on verification: ours, its media-type spelling, and the generic one. */
    public static final Set<String> ACCEPTED_TYPES = Set.of("at+jwt", "application/at+jwt", "jwt");
    public static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256);
    /** Larger input is refused before any decoding. */
    public static final int MAX_TOKEN_LENGTH = 8 * 1024;

    public static final String APP_ID = "app_id";
    public static final String ROLE = "role";
    public static final String SESSION_ID = "sid";
    /** The user's capabilities when the token was issued (membership); absent when there are none. */
    public static final String CAPABILITIES = "caps";

    /** Headers that carry or point at a key; the only keys trusted are those passport publishes. */
    static final List<String> TOKEN_SUPPLIED_KEYS = List.of("jwk", "jku", "x5u", "x5c");

    private AccessTokenFormat() {
    }

    /**
     * The cheap check before any parsing: at most {@link #MAX_TOKEN_LENGTH}, exactly three parts of
     * the unpadded base64url alphabet, header and payload not empty. Anything else is refused
     * rather than skipped over by a lenient decoder.
     */
    public static boolean isCompactJws(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return false;
        }
        int headerEnd = token.indexOf('.');
        int payloadEnd = headerEnd < 0 ? -1 : token.indexOf('.', headerEnd + 1);
        return payloadEnd >= 0 && token.indexOf('.', payloadEnd + 1) < 0 && headerEnd > 0 && payloadEnd > headerEnd + 1
                && isBase64Url(token, 0, headerEnd) && isBase64Url(token, headerEnd + 1, payloadEnd)
                && isBase64Url(token, payloadEnd + 1, token.length());
    }

    /**
     * The JOSE header of a token that passed {@link #isCompactJws}, as Nimbus reads it: a
     * {@code JWSHeader}, or a {@code PlainHeader} for {@code alg: none}, left for the header rules
     * to refuse. Empty when malformed.
     */
    public static Optional<Header> header(String token) {
        if (!isCompactJws(token)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Header.parse(new Base64URL(token.substring(0, token.indexOf('.')))));
        } catch (ParseException | RuntimeException unreadable) {
            // Whatever a crafted header trips over inside the parser, it is only malformed.
            return Optional.empty();
        }
    }

    private static boolean isBase64Url(String token, int from, int to) {
        // A base64url segment is never 4n+1 characters long.
        if ((to - from) % 4 == 1) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = token.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** The whole token, when its signature matches {@code key}; empty for any other token (Nimbus refuses an empty signature outright). */
    public static Optional<SignedJWT> verifiedWith(JWSVerifier key, String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            return jwt.verify(key) ? Optional.of(jwt) : Optional.empty();
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }
}
