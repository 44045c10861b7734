package io.passportsuite.admin.audit;

import java.util.List;

/** {@code total}: how many entries match the filters, on every page. */
public record AuditPage(List<AuditEntry> entries, int limit, long offset, long total) {
}
