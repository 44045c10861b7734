package io.passportsuite.common.events.user;

import java.util.UUID;

/**
 * A wrong password for an existing account, or a login to a disabled one. Attempts on unknown
 * identifiers have no user to key the event by and are left to the gateway's rate limits.
 */
public record LoginFailed(UUID userId, String reason, String clientIp) {

    public static final String TYPE = "user.login-failed";
    public static final int VERSION = 1;

    public static final String WRONG_PASSWORD = "wrong_password";
    public static final String ACCOUNT_DISABLED = "account_disabled";
}
