package dev.fanout.asl.internal.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code States.*} intrinsic functions of the JSONPath query language.
 *
 * <pre>{@code
 * // in a Payload Template: "greeting.$": "States.Format('Hello, {}!', $.name)"
 * JsonNode greeting = Intrinsics.evaluate("States.Format('Hello, {}!', $.name)", ctx);
 * List<String> problems = Intrinsics.validate("States.ArrayRange(1, 9, 2)", "/States/A/Parameters/r.$");
 * }</pre>
 *
 * <p>Invalid arguments fail with {@code States.IntrinsicFailure}; a path argument that matches
 * nothing fails with {@code States.Runtime}, like any other path.
 */
public final class Intrinsics {

    static final String FAILURE = "States.IntrinsicFailure";
    /** AWS allows up to 10 intrinsic functions nested in one field. */
    static final int MAX_NESTING = 10;
    static final Set<String> NAMES = Set.of(
            "States.Format", "States.StringToJson", "States.JsonToString", "States.Array",
            "States.ArrayPartition", "States.ArrayContains", "States.ArrayRange", "States.ArrayGetItem",
            "States.ArrayLength", "States.ArrayUnique", "States.Base64Encode", "States.Base64Decode",
            "States.Hash", "States.JsonMerge", "States.MathRandom", "States.MathAdd", "States.StringSplit",
            "States.UUID");

    private Intrinsics() {}

    /** True for a string that looks like an intrinsic invocation ({@code States.Name(...)}). */
    public static boolean isIntrinsic(String s) {
        if (s == null) {
            return false;
        }
        String t = s.strip();
        return t.startsWith("States.") && t.endsWith(")") && t.indexOf('(') > 0;
    }

    /** Evaluates an invocation; see the class comment for the errors. */
    public static JsonNode evaluate(String expression, EvalContext ctx) {
        return evaluate(expression, ctx, null);
    }

    /**
     * Evaluates an invocation written in the named field ({@code greeting.$}); a path argument
     * that matches nothing is reported with AWS's field wording ("The JSONPath '$.x' specified for
     * the field 'greeting.$' could not be found in the input '...'").
     */
    public static JsonNode evaluate(String expression, EvalContext ctx, String field) {
        IntrinsicCall.Call call;
        try {
            call = IntrinsicCall.parse(expression.strip());
        } catch (IntrinsicCall.SyntaxException e) {
            throw new EvaluationException(FAILURE, "Invalid intrinsic function call '" + expression + "': " + e.getMessage());
        }
        return new Evaluator(ctx, field).call(call);
    }

    /** Definition-time checks: syntax, known function names, argument counts, literal argument types, nesting. */
    public static List<String> validate(String expression, String where) {
        List<String> problems = new ArrayList<>();
        IntrinsicCall.Call call;
        try {
            call = IntrinsicCall.parse(expression.strip());
        } catch (IntrinsicCall.SyntaxException e) {
            problems.add("The value for the field '" + Json.fieldOf(where) + "' must be a valid intrinsic function call ("
                    + e.getMessage() + ") at " + where);
            return problems;
        }
        IntrinsicChecks.check(call, where, 1, problems);
        return problems;
    }

    /** Walks a parsed call, resolving paths against the context. */
    private record Evaluator(EvalContext ctx, String field) {

        JsonNode call(IntrinsicCall.Call call) {
            List<JsonNode> args = new ArrayList<>(call.args().size());
            for (IntrinsicCall arg : call.args()) {
                args.add(value(arg));
            }
            return IntrinsicFunctions.apply(call, args);
        }

        private JsonNode value(IntrinsicCall arg) {
            return switch (arg) {
                case IntrinsicCall.Literal literal -> literal.value();
                case IntrinsicCall.Call nested -> call(nested);
                case IntrinsicCall.PathArg path -> field == null
                        ? JsonPathSupport.read(path.path(), ctx)
                        : JsonPathSupport.read(path.path(), ctx, field);
            };
        }
    }

    static EvaluationException failure(String function, String reason) {
        return new EvaluationException(FAILURE, "Invalid arguments in " + function + ": " + reason);
    }

    static String typeName(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "array";
            case OBJECT -> "object";
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    static JsonNode text(String s) {
        return TextNode.valueOf(s);
    }

    static JsonNode bool(boolean b) {
        return BooleanNode.valueOf(b);
    }

    static ArrayNode array() {
        return Json.NODES.arrayNode();
    }

    static ObjectNode object() {
        return Json.NODES.objectNode();
    }
}
