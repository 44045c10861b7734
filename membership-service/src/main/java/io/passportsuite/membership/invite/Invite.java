package io.passportsuite.membership.invite;

import java.time.Instant;
import java.util.UUID;

/** An invite code as stored: everything but the code itself. */
public record Invite(UUID id, String appId, String tier, int maxUses, int uses, Instant expiresAt, Instant revokedAt,
        UUID createdBy, String note, Instant createdAt) {
}
