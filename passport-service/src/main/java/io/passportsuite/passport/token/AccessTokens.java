package io.passportsuite.passport.token;

import java.time.Clock;

import org.springframework.stereotype.Service;

import io.passportsuite.common.token.AccessTokenCheck;

/**
 * Issues and verifies access tokens: RS256 JWTs signed with the key that signs now and checked
 * against the keys published in the JWKS. Both work from memory, never from the database.
 */
@Service
public class AccessTokens {

    private final AccessTokenIssuer issuer;
    private final AccessTokenVerifier verifier;

    AccessTokens(SigningKeyRing ring, TokenProperties properties, Clock clock) {
        this.issuer = new AccessTokenIssuer(ring, properties, clock);
        this.verifier = new AccessTokenVerifier(ring, properties, clock);
    }

    /**
     * @throws IllegalArgumentException if the lifetime is not positive or exceeds
     *         {@code passport.tokens.max-token-lifetime}
     */
    public IssuedAccessToken issue(AccessTokenRequest request) {
        return issuer.issue(request);
    }

    /** Never throws: any input, however broken or hostile, yields an {@link AccessTokenCheck}. */
    public AccessTokenCheck verify(String token) {
        return verifier.verify(token);
    }
}
