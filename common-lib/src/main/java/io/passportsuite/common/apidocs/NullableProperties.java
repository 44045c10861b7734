package io.passportsuite.common.apidocs;

import java.util.LinkedHashSet;
import java.util.Set;

import io.swagger.v3.oas.models.media.Schema;

/**
 * Lets a schema generated from a Java type say that its text, list and object fields may be null, as
 * Jackson writes a record's absent avatar or phone; numbers and booleans of records are primitives.
 */
final class NullableProperties {

    private static final Set<String> REFERENCE_TYPES = Set.of("string", "array", "object");

    private NullableProperties() {
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static void allowNull(Schema schema) {
        if (schema.getProperties() == null) {
            return;
        }
        schema.getProperties().values().forEach(value -> {
            Schema property = (Schema) value;
            if (property.get$ref() != null || property.getEnum() != null) {
                return;
            }
            Set<String> types = new LinkedHashSet<>();
            if (property.getTypes() != null) {
                types.addAll(property.getTypes());
            } else if (property.getType() != null) {
                types.add(property.getType());
            }
            if (types.size() == 1 && REFERENCE_TYPES.contains(types.iterator().next())) {
                types.add("null");
                property.setTypes(types);
            }
        });
    }
}
