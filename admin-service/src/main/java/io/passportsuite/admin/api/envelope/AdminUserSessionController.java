package io.passportsuite.admin.api.envelope;

import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.passportsuite.admin.passport.PassportReply;
import io.passportsuite.admin.passport.PassportSession;
import io.passportsuite.admin.passport.SessionList;
import io.passportsuite.admin.users.BrowsingUsers;
import io.passportsuite.admin.users.EndingSession;
import io.passportsuite.admin.web.Caller;
import io.passportsuite.common.error.Envelope;
import io.passportsuite.common.error.ErrorCode;

/**
 * A user's live sessions: {@code GET /admin/users/:id/sessions} (a read, failing as
 * {@code ADMIN_USERS_FAILED}) and {@code DELETE /admin/users/:id/sessions/:sessionId} (audited,
 * failing as {@code ADMIN_OPERATION_FAILED}; a session that is not the user's is a 404).
 */
@RestController
class AdminUserSessionController {

    private final BrowsingUsers browsing;
    private final EndingSession ending;

    AdminUserSessionController(BrowsingUsers browsing, EndingSession ending) {
        this.browsing = browsing;
        this.ending = ending;
    }

    @GetMapping("/admin/users/{id}/sessions")
    Envelope<Sessions> list(@PathVariable String id) {
        UUID userId = Ids.user(id, ErrorCode.ADMIN_USERS_FAILED);
        return switch (browsing.sessions(userId)) {
            case PassportReply.Answered<SessionList>(SessionList live) ->
                    Envelope.ok(new Sessions(live.sessions(), live.total()), "会话列表获取成功");
            case PassportReply<SessionList> failed -> throw PassportRefusals.of(failed, ErrorCode.ADMIN_USERS_FAILED);
        };
    }

    @DeleteMapping("/admin/users/{id}/sessions/{sessionId}")
    Envelope<Void> end(Caller caller, @PathVariable String id, @PathVariable String sessionId) {
        UUID userId = Ids.user(id, ErrorCode.ADMIN_OPERATION_FAILED);
        UUID session = Ids.session(sessionId, ErrorCode.ADMIN_OPERATION_FAILED);
        return switch (ending.end(AdminUserActionController.actorOf(caller), userId, session)) {
            case PassportReply.Answered<Void> done -> Envelope.ok("会话已结束");
            case PassportReply<Void> failed -> throw PassportRefusals.of(failed, ErrorCode.ADMIN_OPERATION_FAILED);
        };
    }

    /** The 100 most recently used live sessions, and how many are live in all. */
    record Sessions(List<PassportSession> sessions, long total) {
    }
}
