package io.passportsuite.admin.api.envelope;

import java.util.Map;

import io.passportsuite.admin.passport.PassportUser;
import io.passportsuite.admin.users.Edit;
import io.passportsuite.admin.web.Refusal;
import io.passportsuite.common.error.Envelope;
import io.passportsuite.common.error.ErrorCode;

/** A profile or role change as the back office answers it: {@code data:{user}}, the user as they are now. */
final class Edits {

    private Edits() {
    }

    static Envelope<Map<String, PassportUser>> answer(Edit edit, String message) {
        return switch (edit) {
            case Edit.Edited(PassportUser user) -> Envelope.ok(Map.of("user", user), message);
            case Edit.KeepsAnAdmin(Edit.Why why) -> throw switch (why) {
                case SELF_DEMOTION -> new Refusal(ErrorCode.ADMIN_OPERATION_FAILED, 400, "不能取消自己的管理员权限");
                case LAST_ADMIN -> new Refusal(ErrorCode.ADMIN_OPERATION_FAILED, 409, "不能取消最后一位管理员的权限");
                case NOT_AN_ADMIN -> new Refusal(ErrorCode.ADMIN_OPERATION_FAILED, 404, "该用户不是管理员");
            };
            case Edit.NotDone(var reply) -> throw PassportRefusals.of(reply, ErrorCode.ADMIN_OPERATION_FAILED);
        };
    }
}
