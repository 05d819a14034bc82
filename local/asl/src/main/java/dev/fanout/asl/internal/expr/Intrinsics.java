package dev.fanout.asl.internal.expr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The {@code States.*} intrinsic functions of the JSONPath query language. */
public final class Intrinsics {

    private Intrinsics() {}

    public static boolean isIntrinsic(String s) {
        return s != null && s.startsWith("States.") && s.endsWith(")");
    }

    public static JsonNode evaluate(String expression, EvalContext ctx) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public static List<String> validate(String expression, String where) {
        return List.of();
    }
}
