package dev.fanout.asl.internal.expr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** A compiled JSONPath Choice rule. */
sealed interface RuleTree {

    boolean test(EvalContext ctx);

    static RuleTree compile(JsonNode rule) {
        if (rule == null || !rule.isObject()) {
            throw new EvaluationException("States.Runtime", "A Choice Rule must be an object");
        }
        if (rule.has("And")) {
            return new All(children(rule.get("And")));
        }
        if (rule.has("Or")) {
            return new Any(children(rule.get("Or")));
        }
        if (rule.has("Not")) {
            return new Not(compile(rule.get("Not")));
        }
        Iterator<String> names = rule.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            ChoiceOperator op = ChoiceOperator.named(name);
            if (op != null) {
                JsonNode variable = rule.get("Variable");
                if (variable == null || !variable.isTextual()) {
                    throw new EvaluationException("States.Runtime", "The Choice Rule with '" + name + "' has no Variable");
                }
                JsonNode operand = rule.get(name);
                boolean pathForm = !name.equals(op.awsName);
                return new Comparison(variable.textValue(), op, pathForm ? null : operand,
                        pathForm ? operand.asText() : null);
            }
        }
        throw new EvaluationException("States.Runtime", "The Choice Rule has no comparison operator: " + Json.write(rule));
    }

    private static List<RuleTree> children(JsonNode list) {
        List<RuleTree> out = new ArrayList<>(list.size());
        for (JsonNode child : list) {
            out.add(compile(child));
        }
        return List.copyOf(out);
    }

    record All(List<RuleTree> rules) implements RuleTree {
        @Override
        public boolean test(EvalContext ctx) {
            for (RuleTree rule : rules) {
                if (!rule.test(ctx)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Any(List<RuleTree> rules) implements RuleTree {
        @Override
        public boolean test(EvalContext ctx) {
            for (RuleTree rule : rules) {
                if (rule.test(ctx)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(RuleTree rule) implements RuleTree {
        @Override
        public boolean test(EvalContext ctx) {
            return !rule.test(ctx);
        }
    }

    /** Variable + operator + a literal operand or an operand path. */
    record Comparison(String variable, ChoiceOperator op, JsonNode operand, String operandPath) implements RuleTree {
        @Override
        public boolean test(EvalContext ctx) {
            JsonNode value = lookup(variable, ctx);
            if (op == ChoiceOperator.IS_PRESENT) {
                return operand.isBoolean() && (value != null) == operand.booleanValue();
            }
            if (value == null) {
                throw invalid(variable);
            }
            JsonNode against = operand;
            if (operandPath != null) {
                against = lookup(operandPath, ctx);
                if (against == null) {
                    throw invalid(operandPath);
                }
            }
            return op.test(value, against);
        }

        private static JsonNode lookup(String path, EvalContext ctx) {
            PathExpr expr;
            try {
                expr = PathExpr.of(path);
            } catch (IllegalArgumentException e) {
                throw invalid(path);
            }
            return expr.find(expr.documentOrFail(ctx));
        }

        private static EvaluationException invalid(String path) {
            return new EvaluationException("States.Runtime",
                    "Invalid path '" + path + "': The choice state's condition path references an invalid value.");
        }
    }
}
