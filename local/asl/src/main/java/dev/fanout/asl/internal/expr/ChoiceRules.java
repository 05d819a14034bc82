package dev.fanout.asl.internal.expr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Choice rules of the JSONPath query language. */
public final class ChoiceRules {

    private ChoiceRules() {}

    public static List<String> validate(JsonNode rule, String where) {
        return List.of();
    }

    public static boolean matches(JsonNode rule, EvalContext ctx) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
