package io.passportsuite.admin.audit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of the trail to write: what {@code actor} did ({@code action}) to which target, with the
 * target's state before and after as far as it may be kept. Never a secret: no password, no token.
 */
public record AuditedAction(String appId, Actor actor, String action, String targetType, String targetId,
        Map<String, Object> before, Map<String, Object> after) {

    public static final String OUTCOME = "outcome";
    public static final String UNKNOWN = "unknown";

    /**
     * This row for an action passport may or may not have done (it timed out, or failed after the
     * request reached it): {@code after} is what was asked, marked {@code "outcome": "unknown"}.
     */
    public AuditedAction outcomeUnknown() {
        Map<String, Object> asked = after == null ? new LinkedHashMap<>() : new LinkedHashMap<>(after);
        asked.put(OUTCOME, UNKNOWN);
        return new AuditedAction(appId, actor, action, targetType, targetId, before, asked);
    }
}
