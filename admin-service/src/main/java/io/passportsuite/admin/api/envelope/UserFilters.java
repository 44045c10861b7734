package io.passportsuite.admin.api.envelope;

import io.passportsuite.admin.passport.UserQuery;
import io.passportsuite.admin.web.Refusal;
import io.passportsuite.common.error.ErrorCode;

/**
 * {@code GET /admin/users}' search and filters, checked here so that a bad value is the endpoint's
 * own 400 before passport is asked: {@code q} a prefix of 1-100 characters (blank: everyone),
 * {@code role} 1 or 9, {@code disabled} and {@code verified} exactly true or false, {@code after}
 * a {@code next} of an earlier page, instead of {@code offset}.
 */
final class UserFilters {

    private static final ErrorCode FAILS_AS = ErrorCode.ADMIN_USERS_FAILED;
    private static final int MAX_Q = 100;
    private static final int MAX_CURSOR = 512;

    private UserFilters() {
    }

    static UserQuery of(Paging paging, boolean offsetGiven, String after, String q, String role, String disabled, String verified) {
        String cursor = after == null || after.isBlank() ? null : after.strip();
        if (cursor != null && offsetGiven) {
            throw new Refusal(FAILS_AS, 400, "offset 与 after 不能同时使用");
        }
        if (cursor != null && (cursor.length() > MAX_CURSOR || cursor.indexOf('\0') >= 0)) {
            throw new Refusal(FAILS_AS, 400, "after 必须是上一页返回的 next");
        }
        String prefix = q == null || q.isBlank() ? null : q.strip();
        if (prefix != null && (prefix.length() > MAX_Q || prefix.indexOf('\0') >= 0)) {
            throw new Refusal(FAILS_AS, 400, "q 最多 " + MAX_Q + " 个字符,且不能含有 NUL 字符");
        }
        return new UserQuery(paging.limit(), paging.offset(), cursor, prefix, role(role), flag("disabled", disabled),
                flag("verified", verified));
    }

    private static Integer role(String text) {
        return switch (text) {
            case null -> null;
            case "1" -> 1;
            case "9" -> 9;
            default -> throw new Refusal(FAILS_AS, 400, "role 必须为 1(普通用户)或 9(管理员)");
        };
    }

    private static Boolean flag(String name, String text) {
        return switch (text) {
            case null -> null;
            case "true" -> true;
            case "false" -> false;
            default -> throw new Refusal(FAILS_AS, 400, name + " 必须为 true 或 false");
        };
    }
}
