package io.passportsuite.admin.api.envelope;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.passportsuite.admin.audit.Actor;
import io.passportsuite.admin.passport.PassportReply;
import io.passportsuite.admin.passport.PassportUser;
import io.passportsuite.admin.passport.UserPage;
import io.passportsuite.admin.passport.UserQuery;
import io.passportsuite.admin.users.BrowsingUsers;
import io.passportsuite.admin.users.ResettingPassword;
import io.passportsuite.admin.web.Caller;
import io.passportsuite.admin.web.Refusal;
import io.passportsuite.common.error.Envelope;
import io.passportsuite.common.error.ErrorCode;
import tools.jackson.databind.JsonNode;

/**
 * The platform app's users: {@code GET /admin/users} (searched and filtered, see {@link UserFilters}),
 * {@code GET /admin/users/:id} (failing as
 * {@code ADMIN_USERS_FAILED}) and {@code POST /admin/users/:id/reset-password} (an operation,
 * failing as {@code ADMIN_OPERATION_FAILED}). A user id that is no UUID names no user: 404.
 */
@RestController
class AdminUserController {

    private final BrowsingUsers browsing;
    private final ResettingPassword resetting;

    AdminUserController(BrowsingUsers browsing, ResettingPassword resetting) {
        this.browsing = browsing;
        this.resetting = resetting;
    }

    @GetMapping("/admin/users")
    Envelope<UserList> list(@RequestParam(required = false) String limit, @RequestParam(required = false) String offset,
            @RequestParam(required = false) String after, @RequestParam(required = false) String q,
            @RequestParam(required = false) String role, @RequestParam(required = false) String disabled,
            @RequestParam(required = false) String verified) {
        Paging paging = Paging.of(limit, offset, ErrorCode.ADMIN_USERS_FAILED);
        UserQuery query = UserFilters.of(paging, offset != null, after, q, role, disabled, verified);
        return switch (browsing.search(query)) {
            case PassportReply.Answered<UserPage>(UserPage page) ->
                    Envelope.ok(UserList.of(page), "用户列表获取成功");
            case PassportReply<UserPage> failed -> throw PassportRefusals.of(failed, ErrorCode.ADMIN_USERS_FAILED);
        };
    }

    @GetMapping("/admin/users/{id}")
    Envelope<Map<String, PassportUser>> get(@PathVariable String id) {
        UUID userId = userIdOf(id).orElseThrow(() -> new Refusal(ErrorCode.ADMIN_USERS_FAILED, 404, PassportRefusals.NO_SUCH_USER));
        return switch (browsing.one(userId)) {
            case PassportReply.Answered<PassportUser>(PassportUser user) -> Envelope.ok(Map.of("user", user), "用户信息获取成功");
            case PassportReply<PassportUser> failed -> throw PassportRefusals.of(failed, ErrorCode.ADMIN_USERS_FAILED);
        };
    }

    @PostMapping("/admin/users/{id}/reset-password")
    Envelope<Void> resetPassword(Caller caller, @PathVariable String id, @RequestBody(required = false) JsonNode json) {
        UUID userId = userIdOf(id).orElseThrow(() -> new Refusal(ErrorCode.ADMIN_OPERATION_FAILED, 404, PassportRefusals.NO_SUCH_USER));
        JsonNode body = Bodies.object(json, ErrorCode.ADMIN_OPERATION_FAILED);
        String newPassword = Bodies.requiredText(body, "new_password", ErrorCode.ADMIN_OPERATION_FAILED, "请输入新密码");
        Actor actor = new Actor(caller.userId(), caller.clientIp(), caller.requestId());
        return switch (resetting.reset(actor, userId, newPassword)) {
            case PassportReply.Answered<Void> done -> Envelope.ok("密码重置成功");
            case PassportReply<Void> failed -> throw PassportRefusals.of(failed, ErrorCode.ADMIN_OPERATION_FAILED);
        };
    }

    private static Optional<UUID> userIdOf(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The reference's {@code users, limit, offset}, {@code total} for a pager (with a filter: how many
     * match, counted up to 1000), and {@code next}, the {@code after} of the following page, when there is one.
     */
    record UserList(List<PassportUser> users, int limit, long offset, long total,
            @JsonInclude(JsonInclude.Include.NON_NULL) String next) {

        static UserList of(UserPage page) {
            return new UserList(page.users(), page.limit(), page.offset(), page.total(), page.next());
        }
    }
}
