package dev.fanout.asl.internal.expr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Choice rules of the JSONPath query language.
 *
 * <pre>{@code
 * // {"Variable": "$.value", "NumericGreaterThanEquals": 20, "Next": "Big"}
 * List<String> problems = ChoiceRules.validate(rule, "/States/Decide/Choices/0");
 * if (ChoiceRules.matches(rule, ctx)) { next = rule.get("Next").textValue(); }
 * }</pre>
 *
 * <p>As on AWS, a comparison whose value has the wrong type is false, not an error; a Variable (or
 * a {@code ...Path} operand) that matches nothing fails with States.Runtime, except for
 * {@code IsPresent}.
 */
public final class ChoiceRules {

    private static final Set<String> TOP_LEVEL_ONLY = Set.of("Next", "Assign", "Output");
    private static final Map<IdentityKey, RuleTree> COMPILED = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 10_000;

    private ChoiceRules() {}

    /** Validates one element of {@code Choices} (a top-level rule, which must have {@code Next}). */
    public static List<String> validate(JsonNode rule, String where) {
        List<String> problems = new ArrayList<>();
        validate(rule, where, true, problems);
        return problems;
    }

    /** Evaluates a rule (top-level or nested) against the state's effective input. */
    public static boolean matches(JsonNode rule, EvalContext ctx) {
        return compiled(rule).test(ctx);
    }

    // The same rule node is evaluated on every pass through its Choice state: compile it once.
    private static RuleTree compiled(JsonNode rule) {
        IdentityKey key = new IdentityKey(rule);
        RuleTree tree = COMPILED.get(key);
        if (tree == null) {
            tree = RuleTree.compile(rule);
            if (COMPILED.size() < CACHE_LIMIT) {
                COMPILED.putIfAbsent(key, tree);
            }
        }
        return tree;
    }

    private record IdentityKey(JsonNode node) {
        @Override
        public boolean equals(Object o) {
            return o instanceof IdentityKey other && other.node == node;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(node);
        }
    }

    private static void validate(JsonNode rule, String where, boolean topLevel, List<String> problems) {
        if (rule == null || !rule.isObject()) {
            problems.add("A Choice Rule must be an OBJECT at " + where);
            return;
        }
        boolean hasNext = rule.has("Next");
        if (topLevel && !hasNext) {
            problems.add("These fields are required: [Next] at " + where);
        } else if (topLevel && !rule.get("Next").isTextual()) {
            problems.add("The value for the field 'Next' must be a STRING at " + where + "/Next");
        }
        List<String> operators = new ArrayList<>();
        Iterator<String> names = rule.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (name.equals("And") || name.equals("Or") || name.equals("Not") || ChoiceOperator.named(name) != null) {
                operators.add(name);
            } else if (TOP_LEVEL_ONLY.contains(name)) {
                if (!topLevel) {
                    problems.add("Field '" + name + "' is not supported at " + where);
                }
            } else if (!name.equals("Variable") && !name.equals("Comment")) {
                problems.add("Field '" + name + "' is not supported at " + where);
            }
        }
        if (operators.size() != 1) {
            problems.add("A Choice Rule must have exactly one comparison operator or one of And, Or, Not but has "
                    + (operators.isEmpty() ? "none" : String.join(", ", operators)) + " at " + where);
            return;
        }
        String op = operators.get(0);
        switch (op) {
            case "And", "Or" -> validateList(rule, op, where, problems);
            case "Not" -> {
                if (rule.has("Variable")) {
                    problems.add("A Choice Rule with 'Not' must not have a 'Variable' at " + where);
                }
                validate(rule.get("Not"), where + "/Not", false, problems);
            }
            default -> validateComparison(rule, op, where, problems);
        }
    }

    private static void validateList(JsonNode rule, String op, String where, List<String> problems) {
        if (rule.has("Variable")) {
            problems.add("A Choice Rule with '" + op + "' must not have a 'Variable' at " + where);
        }
        JsonNode list = rule.get(op);
        if (!list.isArray() || list.isEmpty()) {
            problems.add("The value for the field '" + op + "' must be a non-empty array of Choice Rules at " + where + "/" + op);
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            validate(list.get(i), where + "/" + op + "/" + i, false, problems);
        }
    }

    private static void validateComparison(JsonNode rule, String field, String where, List<String> problems) {
        JsonNode variable = rule.get("Variable");
        if (variable == null) {
            problems.add("A Choice Rule with '" + field + "' must have a 'Variable' at " + where);
        } else if (!variable.isTextual()) {
            problems.add("The value for the field 'Variable' must be a STRING at " + where + "/Variable");
        } else {
            problems.addAll(JsonPathSupport.validatePath(variable.textValue(), where + "/Variable"));
        }
        ChoiceOperator op = ChoiceOperator.named(field);
        JsonNode operand = rule.get(field);
        if (!field.equals(op.awsName)) {
            if (!operand.isTextual()) {
                problems.add("The value for the field '" + field + "' must be a STRING that contains a JSONPath at " + where + "/" + field);
            } else {
                problems.addAll(JsonPathSupport.validatePath(operand.textValue(), where + "/" + field));
            }
        } else if (!op.acceptsOperand(operand)) {
            problems.add("The value for the field '" + field + "' must be " + op.operandType() + " at " + where + "/" + field);
        }
    }
}
