package io.passportsuite.passport.web;

import io.passportsuite.passport.account.ProfileChanges;
import io.passportsuite.passport.outcome.Problem;
import tools.jackson.databind.JsonNode;

/**
 * Reads fields of a JSON request body with strict types: a number where a string belongs is a
 * 400 naming the field, not a silent coercion; an absent field and an explicit null can be told
 * apart (a PATCH may clear a value).
 */
public record JsonBody(JsonNode node) {

    private static final int MAX_FIELD_LENGTH = 4096;

    public static JsonBody of(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw Problem.invalid("request body must be a JSON object").raise();
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
            throw Problem.invalid(field + " must be a string").raise();
        }
        String text = value.asString();
        if (text.length() > MAX_FIELD_LENGTH) {
            throw Problem.invalid(field + " is too long").raise();
        }
        return text;
    }

    public String requiredText(String field) {
        String value = text(field);
        if (value == null || value.isBlank()) {
            throw Problem.invalid(field + " is required").raise();
        }
        return value;
    }

    public boolean has(String field) {
        return node.has(field);
    }

    /** A profile field of a partial update: kept when absent, else set (null allowed only if nullable). */
    public ProfileChanges.Change<String> change(String field, boolean nullable) {
        if (!node.has(field)) {
            return ProfileChanges.Change.keep();
        }
        String value = text(field);
        if (value == null && !nullable) {
            throw Problem.invalid(field + " must not be null").raise();
        }
        return ProfileChanges.Change.to(value);
    }
}
