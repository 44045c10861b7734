package io.passportsuite.common.events.user;

import java.util.UUID;

/** A successful login that opened session {@code sessionId}. */
public record UserLoggedIn(UUID userId, UUID sessionId, String method, String clientIp) {

    public static final String TYPE = "user.logged-in";
    public static final int VERSION = 1;
}
