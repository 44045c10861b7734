package io.passportsuite.passport.account;

import java.util.UUID;

import org.springframework.stereotype.Service;

import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Reason;
import io.passportsuite.passport.session.Sessions;

/** An operator looks at a user's live sessions and ends one of them: a lost phone, a device the user does not know. */
@Service
public class UserSessions {

    public static final int MAX_LISTED = 100;
    public static final String ENDED_BY_ADMINISTRATOR = "ended_by_administrator";

    private final UserRepository users;
    private final Sessions sessions;

    UserSessions(UserRepository users, Sessions sessions) {
        this.users = users;
        this.sessions = sessions;
    }

    public Outcome<Sessions.LiveSessions> live(String appId, UUID userId) {
        if (users.findInApp(appId, userId).isEmpty()) {
            return Outcome.failure(Reason.USER_NOT_FOUND);
        }
        return Outcome.success(sessions.liveOf(userId, MAX_LISTED));
    }

    /** Idempotent: a session of the user that has ended already is ended. */
    public Outcome<UUID> end(String appId, UUID userId, UUID sessionId) {
        if (users.findInApp(appId, userId).isEmpty()) {
            return Outcome.failure(Reason.USER_NOT_FOUND);
        }
        if (!sessions.revokeOfUser(userId, sessionId, ENDED_BY_ADMINISTRATOR)) {
            return Outcome.failure(Reason.SESSION_NOT_FOUND);
        }
        sessions.recordSecurityEvent(appId, userId, "session_ended_by_administrator", "{\"session_id\":\"" + sessionId + "\"}");
        return Outcome.success(sessionId);
    }
}
