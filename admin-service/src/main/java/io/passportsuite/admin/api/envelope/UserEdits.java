package io.passportsuite.admin.api.envelope;

import java.util.Set;

import io.passportsuite.admin.web.Refusal;
import io.passportsuite.common.error.ErrorCode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of {@code PATCH /admin/users/:id}: any of the fields below, at least one. Username and
 * nickname are text; email, phone and avatar_url text or null (cleared); role 1 or 9. Passport
 * checks what the values may be (formats, free in the app); their shape is checked here.
 */
final class UserEdits {

    private static final ErrorCode FAILS_AS = ErrorCode.ADMIN_OPERATION_FAILED;
    private static final Set<String> REQUIRED_TEXT = Set.of("username", "nickname");
    private static final Set<String> CLEARABLE_TEXT = Set.of("email", "phone", "avatar_url");
    private static final int MAX_FIELD = 1024;

    private UserEdits() {
    }

    static ObjectNode of(JsonNode json) {
        JsonNode body = Bodies.object(json, FAILS_AS);
        ObjectNode changes = ((ObjectNode) body).deepCopy();
        if (changes.isEmpty()) {
            throw new Refusal(FAILS_AS, 400, "请提供要修改的字段");
        }
        for (String field : changes.propertyNames()) {
            JsonNode value = changes.get(field);
            if (field.equals("role")) {
                if (!value.isIntegralNumber() || value.asInt() != 1 && value.asInt() != 9) {
                    throw new Refusal(FAILS_AS, 400, "role 必须为 1(普通用户)或 9(管理员)");
                }
            } else if (REQUIRED_TEXT.contains(field) || CLEARABLE_TEXT.contains(field)) {
                text(field, value, CLEARABLE_TEXT.contains(field));
            } else {
                throw new Refusal(FAILS_AS, 400, "不支持修改字段 " + field.substring(0, Math.min(field.length(), 64)));
            }
        }
        return changes;
    }

    private static void text(String field, JsonNode value, boolean clearable) {
        if (value.isNull() && clearable) {
            return;
        }
        if (!value.isString() || value.asString().isBlank()) {
            throw new Refusal(FAILS_AS, 400, field + (clearable ? " 必须是非空字符串或 null" : " 必须是非空字符串"));
        }
        if (value.asString().length() > MAX_FIELD || value.asString().indexOf('\0') >= 0) {
            throw new Refusal(FAILS_AS, 400, field + " 过长或含有 NUL 字符");
        }
    }
}
