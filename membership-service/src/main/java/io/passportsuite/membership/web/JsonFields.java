package io.passportsuite.membership.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.passportsuite.common.error.ErrorCode;
import tools.jackson.databind.JsonNode;

/**
 * Typed, optional fields of a JSON object body. A body that is not an object is malformed; a field
 * of the wrong type is invalid; a field absent or null is empty.
 */
public final class JsonFields {

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final JsonNode body;

    private JsonFields(JsonNode body) {
        this.body = body;
    }

    public static JsonFields of(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new Refusal(ErrorCode.MALFORMED_REQUEST, "The request body must be a JSON object");
        }
        return new JsonFields(body);
    }

    /** A body that may be left out altogether, as when every field is optional. */
    public static JsonFields ofOptional(JsonNode body) {
        return body == null ? new JsonFields(tools.jackson.databind.node.JsonNodeFactory.instance.objectNode()) : of(body);
    }

    public String text(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (!value.isString()) {
            throw invalid(field, "must be a string");
        }
        return storable(field, value.stringValue());
    }

    public Integer integer(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw invalid(field, "must be an integer");
        }
        return value.intValue();
    }

    /** An array of strings; null when absent. */
    public List<String> texts(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw invalid(field, "must be an array of strings");
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isString()) {
                throw invalid(field, "must be an array of strings");
            }
            texts.add(storable(field, element.stringValue()));
        }
        return texts;
    }

    /** An ISO-8601 instant with its offset, e.g. {@code 2026-12-31T23:59:59Z}. */
    public Instant instant(String field) {
        String text = text(field);
        if (text == null) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(field, "must be an ISO-8601 date-time with an offset, e.g. 2026-12-31T23:59:59Z");
        }
        // What the database keeps and a person means: no year before 1970 or after 9999.
        if (instant.isBefore(Instant.EPOCH) || instant.isAfter(LATEST)) {
            throw invalid(field, "must be between 1970 and 9999");
        }
        return instant;
    }

    /** PostgreSQL refuses NUL in text, and an unpaired UTF-16 surrogate is no character at all. */
    private static String storable(String field, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (c == '\0' || Character.isLowSurrogate(c) || Character.isHighSurrogate(c) && !pairedHigh) {
                throw invalid(field, "contains a NUL character or an unpaired surrogate");
            }
            if (pairedHigh) {
                i++;
            }
        }
        return text;
    }

    private JsonNode present(String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private static Refusal invalid(String field, String why) {
        return new Refusal(ErrorCode.VALIDATION_FAILED, field + " " + why);
    }
}
