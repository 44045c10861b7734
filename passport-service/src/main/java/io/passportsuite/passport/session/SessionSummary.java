package io.passportsuite.passport.session;

import java.time.Instant;
import java.util.UUID;

/** A live session as operators see it: when and how it began, when it was last used and ends, and from where. */
public record SessionSummary(UUID id, String loginMethod, Instant createdAt, Instant lastUsedAt, Instant expiresAt,
        String clientIp, String userAgent) {
}
