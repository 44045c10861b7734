package io.passportsuite.admin.api.envelope;

import io.passportsuite.admin.web.Refusal;
import io.passportsuite.common.error.ErrorCode;
import tools.jackson.databind.JsonNode;

/** Required text fields of a JSON object body, refused with the endpoint's own code. */
final class Bodies {

    private static final int MAX_FIELD = 1024;

    private Bodies() {
    }

    static JsonNode object(JsonNode body, ErrorCode failsAs) {
        if (body == null || !body.isObject()) {
            throw new Refusal(failsAs, 400, "请求体必须是 JSON 对象");
        }
        return body;
    }

    /** A non-blank string, at most 1024 characters; {@code missing} is the message when it is absent or blank. */
    static String requiredText(JsonNode body, String field, ErrorCode failsAs, String missing) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull() || value.isString() && value.asString().isBlank()) {
            throw new Refusal(failsAs, 400, missing);
        }
        if (!value.isString()) {
            throw new Refusal(failsAs, 400, field + " 必须是字符串");
        }
        if (value.asString().length() > MAX_FIELD || value.asString().indexOf('\0') >= 0) {
            throw new Refusal(failsAs, 400, field + " 过长或含有 NUL 字符");
        }
        return value.asString();
    }
}
