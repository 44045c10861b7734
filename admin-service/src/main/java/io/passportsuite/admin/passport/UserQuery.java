package io.passportsuite.admin.passport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a page of users is asked for: {@code after} (a {@code next} cursor) pages instead of
 * {@code offset}; {@code q} is a prefix of username, email, phone or nickname; null means no filter.
 */
public record UserQuery(int limit, long offset, String after, String q, Integer role, Boolean disabled, Boolean verified) {

    /** Passport's query parameters, in a fixed order; a cursor replaces the offset, which passport refuses beside it. */
    Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("limit", limit);
        if (after == null) {
            parameters.put("offset", offset);
        } else {
            parameters.put("after", after);
        }
        putIfSet(parameters, "q", q);
        putIfSet(parameters, "role", role);
        putIfSet(parameters, "disabled", disabled);
        putIfSet(parameters, "verified", verified);
        return parameters;
    }

    private static void putIfSet(Map<String, Object> parameters, String name, Object value) {
        if (value != null) {
            parameters.put(name, value);
        }
    }
}
