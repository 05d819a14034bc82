package dev.fanout.asl.internal.expr;

import com.dashjoin.jsonata.JException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSONata query language: strings of the form {@code {% expression %}} anywhere in a field
 * value are replaced by their value, with {@code $states} and the variables bound.
 *
 * <pre>{@code
 * JsonataBindings b = new JsonataBindings(input, context, taskResult, null, variables);
 * JsonNode output = Jsonata.evaluate(state.get("Output"), b, "Output");
 * boolean go = Jsonata.condition("{% $states.input.age >= 18 %}", b);
 * }</pre>
 *
 * <p>Failures are {@code States.QueryEvaluationError} with AWS's wording, for example
 * {@code The JSONata expression '$states.input.x' specified for the field 'Output/x' returned
 * nothing (undefined).}
 */
public final class Jsonata {

    static final String QUERY_ERROR = "States.QueryEvaluationError";

    private Jsonata() {}

    /** True for a string that is exactly {@code {%...%}} (nothing before or after). */
    public static boolean isExpression(JsonNode value) {
        return value != null && value.isTextual() && isExpression(value.textValue());
    }

    static boolean isExpression(String s) {
        return s.length() >= 4 && s.startsWith("{%") && s.endsWith("%}");
    }

    /** Evaluates a field value without naming the field in error causes. */
    public static JsonNode evaluate(JsonNode value, JsonataBindings bindings) {
        return evaluate(value, bindings, null);
    }

    /**
     * Evaluates a field value; {@code field} ({@code Output}, {@code Arguments}, {@code Assign/x},
     * ...) names it in causes, extended with {@code /key} and {@code [i]} for nested values, as
     * AWS does.
     */
    public static JsonNode evaluate(JsonNode value, JsonataBindings bindings, String field) {
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            return isExpression(value.textValue()) ? expression(value.textValue(), bindings, field) : value;
        }
        // static sub-trees are shared, not copied (nodes are treated as immutable)
        if (value.isObject()) {
            ObjectNode out = Json.NODES.objectNode();
            boolean changed = false;
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> entry = fields.next();
                JsonNode evaluated = evaluate(entry.getValue(), bindings, child(field, "/" + entry.getKey()));
                changed |= evaluated != entry.getValue();
                out.set(entry.getKey(), evaluated);
            }
            return changed ? out : value;
        }
        if (value.isArray()) {
            ArrayNode out = Json.NODES.arrayNode(value.size());
            boolean changed = false;
            for (int i = 0; i < value.size(); i++) {
                JsonNode evaluated = evaluate(value.get(i), bindings, child(field, "[" + i + "]"));
                changed |= evaluated != value.get(i);
                out.add(evaluated);
            }
            return changed ? out : value;
        }
        return value;
    }

    private static String child(String field, String suffix) {
        return field == null ? null : field + suffix;
    }

    /**
     * A Map's {@code Items}: a JSON array (whose elements may be expressions) or one expression that must yield an
     * array. Anything else is States.QueryEvaluationError with AWS's cause (LocalStack's snapshot-validated
     * items.py): {@code The JSONata expression '$states.input.n' specified for the field 'Items' returned an
     * unexpected result type. Expected 'array', but was 'number' for value: 1}.
     */
    public static ArrayNode items(JsonNode value, JsonataBindings bindings) {
        if (!isExpression(value)) {
            JsonNode literal = evaluate(value, bindings, "Items");
            if (literal.isArray()) {
                return (ArrayNode) literal;
            }
            throw new EvaluationException(QUERY_ERROR, "The value for the field 'Items' must be a JSON array or a "
                    + "JSONata expression, but was " + Json.write(literal));
        }
        String body = body(value.textValue());
        JsonNode result;
        try {
            result = expression(value.textValue(), bindings, "Items");
        } catch (NotJson e) {
            throw new EvaluationException(QUERY_ERROR, "The JSONata expression '" + body + "' for the field 'Items' "
                    + "returned an unsupported result type.");
        }
        if (result.isArray()) {
            return (ArrayNode) result;
        }
        String type = Intrinsics.typeName(result);
        String shown = result.isTextual() ? "\"" + result.textValue() + "\"" : Json.write(result);
        throw new EvaluationException(QUERY_ERROR, "The JSONata expression '" + body + "' specified for the field "
                + "'Items' returned an unexpected result type. Expected 'array', but was '" + type + "' for value: "
                + shown);
    }

    /** A result that JSON cannot hold (a function): callers that know AWS's wording for it catch this. */
    private static final class NotJson extends EvaluationException {
        NotJson(String cause) {
            super(QUERY_ERROR, cause);
        }
    }

    /** The Condition of a JSONata Choice rule; a non-boolean result is States.QueryEvaluationError. */
    public static boolean condition(String expression, JsonataBindings bindings) {
        return condition(expression, bindings, "Condition");
    }

    /** As {@link #condition(String, JsonataBindings)}, naming the field (e.g. {@code Choices[1]/Condition}). */
    public static boolean condition(String expression, JsonataBindings bindings, String field) {
        if (expression == null || !isExpression(expression)) {
            throw new EvaluationException(QUERY_ERROR, "The value of the field '" + field
                    + "' must be a JSONata expression enclosed in {% %} but was '" + expression + "'");
        }
        JsonNode result = expression(expression, bindings, field);
        if (!result.isBoolean()) {
            throw new EvaluationException(QUERY_ERROR, "The JSONata expression '" + body(expression)
                    + "' specified for the field '" + field + "' returned an unexpected data type: expected a boolean but got "
                    + Intrinsics.typeName(result) + " " + Json.write(result));
        }
        return result.booleanValue();
    }

    /** Definition-time checks: every {@code {% %}} string parses; half-delimited strings are rejected. */
    public static List<String> validate(JsonNode value, String where) {
        List<String> problems = new ArrayList<>();
        validate(value, where, problems);
        return problems;
    }

    private static void validate(JsonNode value, String where, List<String> problems) {
        if (value == null) {
            return;
        }
        if (value.isTextual()) {
            String s = value.textValue();
            if (isExpression(s)) {
                validateExpression(body(s), where, problems);
            } else if (s.startsWith("{%") != s.endsWith("%}") && s.strip().startsWith("{%")) {
                problems.add("A JSONata expression must start with '{%' and end with '%}' at " + where);
            }
        } else if (value.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> entry = fields.next();
                validate(entry.getValue(), where + "/" + entry.getKey(), problems);
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                validate(value.get(i), where + "/" + i, problems);
            }
        }
    }

    /** AWS's definition-time diagnostics: INVALID_JSONATA_EXPRESSION and UNSUPPORTED_JSONATA_EXPRESSION. */
    private static void validateExpression(String body, String where, List<String> problems) {
        com.dashjoin.jsonata.Jsonata parsed;
        try {
            parsed = JsonataCache.parse(body);
        } catch (JException e) {
            problems.add("INVALID_JSONATA_EXPRESSION: " + e.getMessage() + " at " + where);
            return;
        } catch (RuntimeException e) {
            problems.add("INVALID_JSONATA_EXPRESSION: " + e.getMessage() + " at " + where);
            return;
        }
        for (String name : JsonataChecks.topLevelReferences(parsed)) {
            problems.add("UNSUPPORTED_JSONATA_EXPRESSION: Reference to '" + name + "' at the top level is not supported. at " + where);
        }
    }

    static String body(String expression) {
        return expression.substring(2, expression.length() - 2).strip();
    }

    private static JsonNode expression(String text, JsonataBindings bindings, String field) {
        String body = body(text);
        String where = field == null ? "" : " specified for the field '" + field + "'";
        Object result;
        try {
            result = JsonataCache.evaluate(body, bindings);
        } catch (JException e) {
            throw new EvaluationException(QUERY_ERROR, "The JSONata expression '" + body + "'" + where
                    + " threw an error during evaluation. " + JsonataCache.describe(e));
        } catch (EvaluationException e) {
            throw new EvaluationException(QUERY_ERROR, "The JSONata expression '" + body + "'" + where
                    + " threw an error during evaluation: " + e.cause());
        } catch (RuntimeException | StackOverflowError e) {
            throw new EvaluationException(QUERY_ERROR, "The JSONata expression '" + body + "'" + where
                    + " threw an error during evaluation: " + e);
        }
        if (result == null) {
            throw new EvaluationException(QUERY_ERROR, "The JSONata expression '" + body + "'" + where
                    + " returned nothing (undefined).");
        }
        try {
            return JsonataValues.toJson(result);
        } catch (JsonataValues.NotJsonException e) {
            throw new NotJson("The JSONata expression '" + body + "'" + where
                    + " returned an unexpected data type: " + e.getMessage());
        }
    }
}
