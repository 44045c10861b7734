package io.passportsuite.admin.audit;

import org.springframework.stereotype.Service;

/** Reads the trail for administrators; the surface has checked the paging already. */
@Service
public class ListingAudit {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private final AuditTrail trail;

    ListingAudit(AuditTrail trail) {
        this.trail = trail;
    }

    public AuditPage list(AuditQuery query) {
        return trail.page(query);
    }
}
