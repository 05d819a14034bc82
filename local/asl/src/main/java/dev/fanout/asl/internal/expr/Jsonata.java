package dev.fanout.asl.internal.expr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** JSONata query language: {@code {% ... %}} expressions with {@code $states} bound. */
public final class Jsonata {

    private Jsonata() {}

    public static boolean isExpression(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return false;
        }
        String s = value.textValue();
        return s.length() >= 4 && s.startsWith("{%") && s.endsWith("%}");
    }

    public static JsonNode evaluate(JsonNode value, JsonataBindings bindings) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public static boolean condition(String expression, JsonataBindings bindings) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public static List<String> validate(JsonNode value, String where) {
        return List.of();
    }
}
