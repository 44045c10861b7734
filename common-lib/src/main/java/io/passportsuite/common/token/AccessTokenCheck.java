package io.passportsuite.common.token;

/** The outcome of checking an access token: never an exception, whatever the token holds. */
public sealed interface AccessTokenCheck {

    record Valid(AccessTokenClaims claims) implements AccessTokenCheck {
    }

    /** {@code reason} is for logs and tests; clients only learn that the token is invalid. */
    record Invalid(Reason reason) implements AccessTokenCheck {
    }

    enum Reason {
        /** Not a compact JWS, not base64url or JSON, larger than 8 KiB, of another {@code typ}, or with {@code crit} headers. */
        MALFORMED,
        /** Any {@code alg} but RS256, {@code none} and HMAC included. */
        UNSUPPORTED_ALGORITHM,
        /** No {@code kid}, a {@code kid} that is not published now, or a token that carries its own key ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c}). */
        UNKNOWN_KEY,
        BAD_SIGNATURE,
        EXPIRED,
        NOT_YET_VALID,
        WRONG_ISSUER,
        /** A required claim is absent or of the wrong shape, or {@code aud} does not name {@code app_id}. */
        MISSING_CLAIMS
    }
}
