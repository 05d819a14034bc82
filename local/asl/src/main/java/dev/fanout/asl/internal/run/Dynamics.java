package dev.fanout.asl.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.asl.internal.expr.Intrinsics;
import dev.fanout.asl.internal.expr.JsonPathSupport;
import dev.fanout.asl.internal.expr.Jsonata;
import dev.fanout.asl.internal.model.Dynamic;

/** Resolves literal / {@code ...Path} / JSONata values of numeric and string fields at run time. */
final class Dynamics {
    private Dynamics() {}

    /** The value, or null if the field is absent. {@code input} is what a {@code ...Path} reads. */
    static JsonNode value(Dynamic d, StateRun run, JsonNode input) {
        if (d.path() != null) {
            if (Intrinsics.isIntrinsic(d.path())) {
                return Intrinsics.evaluate(d.path(), run.ec(input));
            }
            return JsonPathSupport.read(d.path(), run.ec(input), d.field() + "Path");
        }
        JsonNode v = d.literal();
        if (v != null && run.jsonata() && Jsonata.isExpression(v)) {
            return Jsonata.evaluate(v, run.jb(null, null), d.field());
        }
        return v;
    }

    /** A whole number in [min, max], or null if absent; anything else is States.Runtime. */
    static Long integer(Dynamic d, StateRun run, JsonNode input, long min, long max) {
        JsonNode v = value(d, run, input);
        if (v == null) {
            return null;
        }
        if (!v.isNumber() || v.asDouble() != Math.rint(v.asDouble()) || v.asLong() < min || v.asLong() > max) {
            throw invalid(d, run, "The value for the field '" + d.field() + "' must be an integer between " + min
                    + " and " + max + ", but was " + v);
        }
        return v.asLong();
    }

    static Double number(Dynamic d, StateRun run, JsonNode input, double min, double max) {
        JsonNode v = value(d, run, input);
        if (v == null) {
            return null;
        }
        if (!v.isNumber() || v.asDouble() < min || v.asDouble() > max) {
            throw invalid(d, run, "The value for the field '" + d.field() + "' must be a number between "
                    + (long) min + " and " + (long) max + ", but was " + v);
        }
        return v.asDouble();
    }

    /** A string (Fail Error/Cause), or null if absent. */
    static String string(Dynamic d, StateRun run, JsonNode input) {
        JsonNode v = value(d, run, input);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw invalid(d, run, "The value for the field '" + d.field() + "' must be a string, but was " + v);
        }
        return v.textValue();
    }

    /**
     * A value of the wrong type: States.QueryEvaluationError when a JSONata expression produced it (AWS's error for
     * every JSONata evaluation failure), States.Runtime for a JSONPath ...Path. The causes are ours: AWS's are not
     * recorded for these fields.
     */
    private static StatesError invalid(Dynamic d, StateRun run, String cause) {
        boolean fromJsonata = d.path() == null && run.jsonata() && Jsonata.isExpression(d.literal());
        return new StatesError(fromJsonata ? StatesError.QUERY_EVALUATION : StatesError.RUNTIME, cause);
    }
}
