package io.passportsuite.passport.web;

import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;
import tools.jackson.databind.JsonNode;

/**
 * Reads fields of a JSON request body with strict types: a number where a string belongs is a
 * 400 naming the field, not a silent coercion; an absent field and an explicit null can be told
 * apart (a partial update may clear a value).
 */
public record JsonBody(JsonNode node) {

    private static final int MAX_FIELD_LENGTH = 4096;

    public static JsonBody of(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw Problem.of(Reason.BODY_NOT_OBJECT).raise();
        }
        return new JsonBody(node);
    }

    /** The string value, or null when the field is absent or null. */
    public String text(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw Problem.of(Reason.FIELD_NOT_STRING, field).raise();
        }
        String text = value.asString();
        if (text.length() > MAX_FIELD_LENGTH) {
            throw Problem.of(Reason.FIELD_TOO_LONG, field).raise();
        }
        return text;
    }

    public String requiredText(String field) {
        String value = text(field);
        if (value == null || value.isBlank()) {
            throw Problem.of(Reason.FIELD_REQUIRED, field).raise();
        }
        return value;
    }

    /** The string value, or null when the field is absent; an explicit null is refused. */
    public String textNotNull(String field) {
        String value = text(field);
        if (value == null && node.has(field)) {
            throw Problem.of(Reason.FIELD_NOT_NULL, field).raise();
        }
        return value;
    }

    /** The integer value, or null when the field is absent or null; 1.5, "1" or 2^40 is refused. */
    public Integer integer(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw Problem.of(Reason.FIELD_NOT_INTEGER, field).raise();
        }
        return value.asInt();
    }

    /** Whether the field is in the body at all, null or not. */
    public boolean has(String field) {
        return node.has(field);
    }
}
