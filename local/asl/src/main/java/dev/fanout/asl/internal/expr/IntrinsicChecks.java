package dev.fanout.asl.internal.expr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Definition-time checks of a parsed intrinsic call: what AWS rejects at CreateStateMachine. */
final class IntrinsicChecks {

    private IntrinsicChecks() {}

    static void check(IntrinsicCall.Call call, String where, int depth, List<String> problems) {
        if (depth > Intrinsics.MAX_NESTING) {
            problems.add("Intrinsic functions can be nested at most " + Intrinsics.MAX_NESTING + " deep at " + where);
            return;
        }
        String name = call.name();
        if (!Intrinsics.NAMES.contains(name)) {
            problems.add("The intrinsic function '" + name + "' is not supported at " + where);
            return;
        }
        int n = call.args().size();
        String arity = arity(name, n);
        if (arity != null) {
            problems.add("The intrinsic function " + name + " takes " + arity + " but got " + n + " at " + where);
        }
        for (IntrinsicCall arg : call.args()) {
            if (arg instanceof IntrinsicCall.Call nested) {
                check(nested, where, depth + 1, problems);
            } else if (arg instanceof IntrinsicCall.PathArg path) {
                problems.addAll(JsonPathSupport.validatePath(path.path(), where));
            }
        }
        literalChecks(call, where, problems);
    }

    /** Null when the count is right, else the expected count in words. */
    private static String arity(String name, int n) {
        return switch (name) {
            case "States.Format" -> n >= 1 ? null : "at least 1 argument";
            case "States.Array" -> null;
            case "States.UUID" -> n == 0 ? null : "no arguments";
            case "States.StringToJson", "States.JsonToString", "States.ArrayLength", "States.ArrayUnique",
                    "States.Base64Encode", "States.Base64Decode" -> n == 1 ? null : "exactly 1 argument";
            case "States.ArrayPartition", "States.ArrayContains", "States.ArrayGetItem", "States.Hash",
                    "States.MathAdd", "States.StringSplit" -> n == 2 ? null : "exactly 2 arguments";
            case "States.ArrayRange", "States.JsonMerge" -> n == 3 ? null : "exactly 3 arguments";
            case "States.MathRandom" -> n == 2 || n == 3 ? null : "2 or 3 arguments";
            default -> null;
        };
    }

    private static void literalChecks(IntrinsicCall.Call call, String where, List<String> problems) {
        List<IntrinsicCall> args = call.args();
        switch (call.name()) {
            case "States.Format" -> {
                if (!args.isEmpty() && args.get(0) instanceof IntrinsicCall.Literal template) {
                    if (template.raw() == null) {
                        problems.add("The first argument of States.Format must be a string at " + where);
                    } else {
                        int placeholders = IntrinsicFunctions.placeholders(template.raw());
                        if (placeholders != args.size() - 1) {
                            problems.add("States.Format has " + placeholders + " placeholders but "
                                    + (args.size() - 1) + " arguments to fill them at " + where);
                        }
                    }
                }
            }
            case "States.JsonToString" -> {
                // the specification: "This argument must be a Path"
                if (args.size() == 1 && args.get(0) instanceof IntrinsicCall.Literal) {
                    problems.add("The argument of States.JsonToString must be a Path at " + where);
                }
            }
            case "States.JsonMerge" -> {
                if (args.size() == 3 && args.get(2) instanceof IntrinsicCall.Literal flag
                        && !(flag.value().isBoolean() && !flag.value().booleanValue())) {
                    problems.add("States.JsonMerge supports only shallow merging: its third argument must be false at " + where);
                }
            }
            case "States.Hash" -> {
                if (args.size() == 2 && args.get(1) instanceof IntrinsicCall.Literal algorithm) {
                    JsonNode value = algorithm.value();
                    if (!value.isTextual() || !IntrinsicFunctions.HASH_ALGORITHMS.containsKey(value.textValue())) {
                        problems.add("States.Hash supports the algorithms " + IntrinsicFunctions.HASH_NAMES + " at " + where);
                    }
                }
            }
            default -> {
                // other functions have no literal-only rules beyond what evaluation checks
            }
        }
    }
}
