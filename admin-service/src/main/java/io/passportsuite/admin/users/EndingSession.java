package io.passportsuite.admin.users;

import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.passportsuite.admin.AdminSettings;
import io.passportsuite.admin.audit.Actor;
import io.passportsuite.admin.audit.AuditedAction;
import io.passportsuite.admin.passport.Passport;
import io.passportsuite.admin.passport.PassportReply;

/** An administrator ends one session of a user: the gateway refuses its tokens once passport's revocation reaches it. */
@Service
public class EndingSession {

    public static final String ACTION = "user.session_end";

    private final Passport passport;
    private final AuditedCalls audited;
    private final String appId;

    EndingSession(Passport passport, AuditedCalls audited, AdminSettings settings) {
        this.passport = passport;
        this.audited = audited;
        this.appId = settings.platformAppId();
    }

    public PassportReply<Void> end(Actor actor, UUID userId, UUID sessionId) {
        return audited.recordedFirst(new AuditedAction(appId, actor, ACTION, "user", userId.toString(),
                Map.of("session", sessionId.toString(), "state", "live"), Map.of("session", sessionId.toString(), "state", "ended")),
                () -> passport.endSession(appId, userId, sessionId));
    }
}
