package io.passportsuite.common.events.user;

import java.time.Instant;
import java.util.UUID;

/**
 * A session ended before its time. Access tokens of that session must be refused from now on;
 * {@code tokensValidUntil} says how long such tokens could still be presented, so a deny-list
 * knows when it may forget the session.
 */
public record SessionRevoked(UUID userId, UUID sessionId, String reason, Instant tokensValidUntil) {

    public static final String TYPE = "user.session-revoked";
    public static final int VERSION = 1;

    public static final String LOGOUT = "logout";
    public static final String REFRESH_TOKEN_REUSE = "refresh_token_reuse";
    public static final String USER_DISABLED = "user_disabled";
    public static final String PASSWORD_CHANGED = "password_changed";
    /** The account was erased (user.deleted follows): its sessions end with it. */
    public static final String USER_DELETED = "user_deleted";
    /** Someone proved they own the account's email or phone for the first time: what came before may be another person's. */
    public static final String CONTACT_PROVEN = "contact_proven";
}
