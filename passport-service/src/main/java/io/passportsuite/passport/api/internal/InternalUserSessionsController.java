package io.passportsuite.passport.api.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.passportsuite.passport.account.UserSessions;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;
import io.passportsuite.passport.session.SessionSummary;
import io.passportsuite.passport.session.Sessions;
import io.passportsuite.passport.web.InternalApi;
import io.passportsuite.passport.web.Timestamps;

/** Internal: a user's live sessions, and ending one (its tokens are refused at the gateway within a second). */
@RestController
@RequestMapping("/internal/apps/{appId}/users/{userId}/sessions")
@InternalApi
class InternalUserSessionsController {

    private final UserSessions sessions;

    InternalUserSessionsController(UserSessions sessions) {
        this.sessions = sessions;
    }

    /** The most recently used {@value UserSessions#MAX_LISTED} live sessions; {@code total} counts them all. */
    @GetMapping
    LiveSessions list(@PathVariable String appId, @PathVariable String userId) {
        Sessions.LiveSessions live = sessions.live(appId, InternalUserDirectoryController.userIdOf(userId)).orRaise();
        return new LiveSessions(live.sessions().stream().map(SessionView::of).toList(), live.total());
    }

    @DeleteMapping("/{sessionId}")
    ResponseEntity<Void> end(@PathVariable String appId, @PathVariable String userId, @PathVariable String sessionId) {
        UUID user = InternalUserDirectoryController.userIdOf(userId);
        UUID session = InternalUserDirectoryController.parsedUuid(sessionId)
                .orElseThrow(() -> Problem.of(Reason.SESSION_NOT_FOUND).raise());
        sessions.end(appId, user, session).orRaise();
        return ResponseEntity.noContent().build();
    }

    record LiveSessions(List<SessionView> sessions, long total) {
    }

    record SessionView(String id, @JsonProperty("login_method") String loginMethod, @JsonProperty("created_at") String createdAt,
            @JsonProperty("last_used_at") String lastUsedAt, @JsonProperty("expires_at") String expiresAt,
            @JsonProperty("client_ip") String clientIp, @JsonProperty("user_agent") String userAgent) {

        static SessionView of(SessionSummary session) {
            return new SessionView(session.id().toString(), session.loginMethod(), Timestamps.millis(session.createdAt()),
                    Timestamps.millis(session.lastUsedAt()), Timestamps.millis(session.expiresAt()), session.clientIp(), session.userAgent());
        }
    }
}
