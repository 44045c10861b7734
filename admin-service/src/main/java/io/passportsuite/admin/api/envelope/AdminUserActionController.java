package io.passportsuite.admin.api.envelope;

import java.util.Map;
import java.util.UUID;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.passportsuite.admin.audit.Actor;
import io.passportsuite.admin.passport.PassportReply;
import io.passportsuite.admin.passport.PassportUser;
import io.passportsuite.admin.users.DeletingUser;
import io.passportsuite.admin.users.DisablingUser;
import io.passportsuite.admin.users.EditingUser;
import io.passportsuite.admin.users.EnablingUser;
import io.passportsuite.admin.web.Caller;
import io.passportsuite.admin.web.Refusal;
import io.passportsuite.common.error.Envelope;
import io.passportsuite.common.error.ErrorCode;
import tools.jackson.databind.JsonNode;

/**
 * Operations on one user, each audited and failing as {@code ADMIN_OPERATION_FAILED}:
 * {@code PATCH /admin/users/:id} (profile fields and role, see {@link UserEdits}; answers the user
 * as they are now), {@code POST /admin/users/:id/disable} (ends the user's sessions), {@code /enable} and
 * {@code DELETE /admin/users/:id} (erases the account; never one's own nor the last administrator's).
 */
@RestController
class AdminUserActionController {

    private final EditingUser editing;
    private final DisablingUser disabling;
    private final EnablingUser enabling;
    private final DeletingUser deleting;

    AdminUserActionController(EditingUser editing, DisablingUser disabling, EnablingUser enabling, DeletingUser deleting) {
        this.editing = editing;
        this.disabling = disabling;
        this.enabling = enabling;
        this.deleting = deleting;
    }

    @PatchMapping("/admin/users/{id}")
    Envelope<Map<String, PassportUser>> edit(Caller caller, @PathVariable String id, @RequestBody(required = false) JsonNode json) {
        UUID userId = Ids.user(id, ErrorCode.ADMIN_OPERATION_FAILED);
        return Edits.answer(editing.edit(actorOf(caller), userId, UserEdits.of(json)), "用户信息更新成功");
    }

    @PostMapping("/admin/users/{id}/disable")
    Envelope<Void> disable(Caller caller, @PathVariable String id) {
        UUID userId = Ids.user(id, ErrorCode.ADMIN_OPERATION_FAILED);
        return switch (disabling.disable(actorOf(caller), userId)) {
            case PassportReply.Answered<Void> done -> Envelope.ok("用户已禁用");
            case PassportReply<Void> failed -> throw PassportRefusals.of(failed, ErrorCode.ADMIN_OPERATION_FAILED);
        };
    }

    @PostMapping("/admin/users/{id}/enable")
    Envelope<Void> enable(Caller caller, @PathVariable String id) {
        UUID userId = Ids.user(id, ErrorCode.ADMIN_OPERATION_FAILED);
        return switch (enabling.enable(actorOf(caller), userId)) {
            case PassportReply.Answered<Void> done -> Envelope.ok("用户已启用");
            case PassportReply<Void> failed -> throw PassportRefusals.of(failed, ErrorCode.ADMIN_OPERATION_FAILED);
        };
    }

    @DeleteMapping("/admin/users/{id}")
    Envelope<Void> delete(Caller caller, @PathVariable String id) {
        UUID userId = Ids.user(id, ErrorCode.ADMIN_OPERATION_FAILED);
        return switch (deleting.delete(actorOf(caller), userId)) {
            case DeletingUser.Deletion.Deleted done -> Envelope.ok("用户已删除");
            case DeletingUser.Deletion.KeepsAnAdmin(DeletingUser.Deletion.Why why) -> throw switch (why) {
                case SELF_DELETION -> new Refusal(ErrorCode.ADMIN_OPERATION_FAILED, 400, "不能删除自己的账号");
                case LAST_ADMIN -> new Refusal(ErrorCode.ADMIN_OPERATION_FAILED, 409, "不能删除最后一位管理员");
            };
            case DeletingUser.Deletion.NotDone(var reply) -> throw PassportRefusals.of(reply, ErrorCode.ADMIN_OPERATION_FAILED);
        };
    }

    static Actor actorOf(Caller caller) {
        return new Actor(caller.userId(), caller.clientIp(), caller.requestId());
    }
}
