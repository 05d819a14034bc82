package dev.fanout.asl.internal.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A value given literally, through a JSONPath {@code ...Path} field, or as a JSONata expression
 * (e.g. {@code TimeoutSeconds} / {@code TimeoutSecondsPath} / {@code "{% ... %}"}).
 *
 * @param literal a literal value (number, string), or null
 * @param path    a JSONPath reading the value from the effective input, or null
 * @param field   the ASL field name, for error messages
 */
public record Dynamic(JsonNode literal, String path, String field) {

    public static Dynamic none(String field) {
        return new Dynamic(null, null, field);
    }

    public boolean present() {
        return literal != null || path != null;
    }
}
