package io.passportsuite.admin.audit;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/** A row of the trail as it was written; {@code before} and {@code after} may be null. */
public record AuditEntry(long id, String appId, UUID actorUserId, String actorIp, String action, String targetType,
        String targetId, JsonNode before, JsonNode after, String requestId, Instant createdAt) {
}
