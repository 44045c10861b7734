package io.passportsuite.passport.token;

/** The outcome of {@link AccessTokens#verify}: never an exception, whatever the input. */
public sealed interface TokenCheck {

    record Valid(VerifiedAccessToken token) implements TokenCheck {
    }

    record Invalid(Reason reason) implements TokenCheck {
    }

    enum Reason {
        /** Not a compact JWS, not base64url or JSON, larger than 8 KB, of another {@code typ}, or with {@code crit} headers. */
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
