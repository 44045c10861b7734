package io.passportsuite.passport.code;

import java.time.Instant;

/**
 * A code on its way to its destination. {@code revealed} holds the code only in test mode, where
 * nothing delivers it and the caller is meant to see it; otherwise it is null.
 */
public record IssuedCode(String destination, Instant expiresAt, String revealed) implements Issuing {

    public boolean testMode() {
        return revealed != null;
    }
}
