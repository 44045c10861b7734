package io.passportsuite.admin.audit;

import java.util.UUID;

/** A page of the trail, newest first; each filter is optional (null) and they all apply together. */
public record AuditQuery(int limit, long offset, UUID actor, String target, String action) {
}
