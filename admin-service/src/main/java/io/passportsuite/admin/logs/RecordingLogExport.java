package io.passportsuite.admin.logs;

import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import io.passportsuite.admin.audit.Actor;
import io.passportsuite.admin.audit.AuditTrail;
import io.passportsuite.admin.audit.AuditedAction;

/**
 * An archive of the logs carries what the suite logged (addresses, user ids, request paths) out of
 * it: the trail keeps who took one and of which services, before a byte of it is sent.
 */
public final class RecordingLogExport {

    public static final String ACTION = "logs.archive";

    private static final Logger log = LoggerFactory.getLogger(RecordingLogExport.class);

    private final AuditTrail trail;
    private final String appId;

    RecordingLogExport(AuditTrail trail, String appId) {
        this.trail = trail;
        this.appId = appId;
    }

    /** False when the trail cannot be written: then no archive is to be sent. */
    public boolean record(Actor actor, Optional<String> service) {
        String target = service.orElse("*");
        try {
            trail.record(new AuditedAction(appId, actor, ACTION, "logs", target, null, Map.of("service", target)));
            return true;
        } catch (DataAccessException e) {
            log.error("The audit trail could not be written; no log archive was sent", e);
            return false;
        }
    }
}
