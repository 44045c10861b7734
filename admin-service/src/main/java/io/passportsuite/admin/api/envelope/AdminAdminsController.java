package io.passportsuite.admin.api.envelope;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.passportsuite.admin.passport.PassportReply;
import io.passportsuite.admin.passport.PassportUser;
import io.passportsuite.admin.passport.UserPage;
import io.passportsuite.admin.users.BrowsingUsers;
import io.passportsuite.admin.users.DemotingAdmin;
import io.passportsuite.admin.users.PromotingAdmin;
import io.passportsuite.admin.web.Caller;
import io.passportsuite.common.error.Envelope;
import io.passportsuite.common.error.ErrorCode;
import tools.jackson.databind.JsonNode;

/**
 * The platform's administrators (role 9): {@code GET /admin/admins} (failing as
 * {@code ADMIN_USERS_FAILED}), {@code POST /admin/admins {"user_id"}} promoting an existing user
 * and {@code DELETE /admin/admins/:id} demoting one to a user; both audited, failing as
 * {@code ADMIN_OPERATION_FAILED}: demoting oneself is a 400, the last administrator a 409.
 */
@RestController
class AdminAdminsController {

    private final BrowsingUsers browsing;
    private final PromotingAdmin promoting;
    private final DemotingAdmin demoting;

    AdminAdminsController(BrowsingUsers browsing, PromotingAdmin promoting, DemotingAdmin demoting) {
        this.browsing = browsing;
        this.promoting = promoting;
        this.demoting = demoting;
    }

    @GetMapping("/admin/admins")
    Envelope<Admins> list(@RequestParam(required = false) String limit, @RequestParam(required = false) String offset) {
        Paging paging = Paging.of(limit, offset, ErrorCode.ADMIN_USERS_FAILED);
        return switch (browsing.admins(paging.limit(), paging.offset())) {
            case PassportReply.Answered<UserPage>(UserPage page) ->
                    Envelope.ok(new Admins(page.users(), page.limit(), page.offset(), page.total()), "管理员列表获取成功");
            case PassportReply<UserPage> failed -> throw PassportRefusals.of(failed, ErrorCode.ADMIN_USERS_FAILED);
        };
    }

    @PostMapping("/admin/admins")
    Envelope<Map<String, PassportUser>> promote(Caller caller, @RequestBody(required = false) JsonNode json) {
        JsonNode body = Bodies.object(json, ErrorCode.ADMIN_OPERATION_FAILED);
        String id = Bodies.requiredText(body, "user_id", ErrorCode.ADMIN_OPERATION_FAILED, "请输入用户 ID");
        UUID userId = Ids.user(id.strip(), ErrorCode.ADMIN_OPERATION_FAILED);
        return Edits.answer(promoting.promote(AdminUserActionController.actorOf(caller), userId), "已设为管理员");
    }

    @DeleteMapping("/admin/admins/{id}")
    Envelope<Map<String, PassportUser>> demote(Caller caller, @PathVariable String id) {
        UUID userId = Ids.user(id, ErrorCode.ADMIN_OPERATION_FAILED);
        return Edits.answer(demoting.demote(AdminUserActionController.actorOf(caller), userId), "已取消管理员权限");
    }

    record Admins(List<PassportUser> admins, int limit, long offset, long total) {
    }
}
