package io.passportsuite.admin.audit;

import java.util.Map;

/**
 * One row of the trail to write: what {@code actor} did ({@code action}) to which target, with the
 * target's state before and after as far as it may be kept. Never a secret: no password, no token.
 */
public record AuditedAction(String appId, Actor actor, String action, String targetType, String targetId,
        Map<String, Object> before, Map<String, Object> after) {
}
