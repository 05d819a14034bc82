package dev.fanout.asl.internal.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Paths, Reference Paths and Payload Templates of the JSONPath query language.
 *
 * <pre>{@code
 * EvalContext ctx = new EvalContext(input, contextObject, variables);
 * JsonNode effectiveInput = JsonPathSupport.read("$.order", ctx);                    // InputPath
 * JsonNode parameters = JsonPathSupport.evaluateTemplate(parametersTemplate, ctx);   // Parameters
 * JsonNode output = JsonPathSupport.applyResultPath(rawInput, "$.taskResult", result); // ResultPath
 * }</pre>
 *
 * <p>Returned nodes may share sub-trees with the nodes passed in (a static template comes back
 * as is): callers treat every {@link JsonNode} as immutable, which keeps state transitions free
 * of deep copies.
 */
public final class JsonPathSupport {

    private static final String RUNTIME = "States.Runtime";

    private JsonPathSupport() {}

    /**
     * Reads a Path ({@code $}, {@code $.a.b}, {@code $['x']}, {@code $..x}, filters,
     * {@code $$.Execution.Id}, {@code $var.field}). A path that matches nothing fails with
     * States.Runtime and AWS's InputPath/OutputPath wording:
     * {@code Invalid path '$.x' : No results for path: $['x']}.
     */
    public static JsonNode read(String path, EvalContext ctx) {
        PathExpr expr = parse(path);
        JsonNode doc = expr.documentOrFail(ctx);
        JsonNode value = expr.find(doc);
        if (value == null) {
            throw new EvaluationException(RUNTIME, "Invalid path '" + path + "' : " + expr.notFoundReason(doc));
        }
        return value;
    }

    /**
     * Reads a Path for a named field of a state ({@code ItemsPath}, {@code SecondsPath},
     * {@code Payload.$}, ...). A path that matches nothing fails with States.Runtime and AWS's
     * wording for fields: {@code The JSONPath '$.x' specified for the field 'ItemsPath' could not
     * be found in the input '{"a":1}'}.
     */
    public static JsonNode read(String path, EvalContext ctx, String field) {
        PathExpr expr = parse(path);
        JsonNode doc = expr.documentOrFail(ctx);
        JsonNode value = expr.find(doc);
        if (value == null) {
            throw notFound(path, field, doc);
        }
        return value;
    }

    /** Like {@link #read(String, EvalContext)} but answers null instead of failing. */
    public static JsonNode find(String path, EvalContext ctx) {
        PathExpr expr = parse(path);
        return expr.find(expr.document(ctx));
    }

    static EvaluationException notFound(String path, String field, JsonNode doc) {
        String docText = doc == null ? "null" : Json.write(doc);
        return new EvaluationException(RUNTIME, "The JSONPath '" + path + "' specified for the field '" + field
                + "' could not be found in the input '" + docText + "'");
    }

    private static PathExpr parse(String path) {
        try {
            return PathExpr.of(path);
        } catch (IllegalArgumentException e) {
            throw new EvaluationException(RUNTIME, "Invalid path '" + path + "' : " + e.getMessage());
        }
    }

    /**
     * ResultPath: null keeps the input and discards the result; {@code $} makes the result the
     * output; {@code $.a.b} answers the input with the result placed there, creating objects as
     * needed. Input that cannot hold the result (a string where an object is needed, an index
     * past the end of an array) fails with States.ResultPathMatchFailure, as on AWS.
     */
    public static JsonNode applyResultPath(JsonNode input, String resultPath, JsonNode result) {
        if (resultPath == null) {
            return input;
        }
        JsonNode value = result == null ? NullNode.getInstance() : result;
        PathExpr expr;
        try {
            expr = PathExpr.of(resultPath);
        } catch (IllegalArgumentException e) {
            throw matchFailure(resultPath, input);
        }
        if (expr.root != PathExpr.Root.INPUT || !expr.isReference()) {
            throw matchFailure(resultPath, input);
        }
        if (expr.steps.isEmpty()) {
            return value;
        }
        JsonNode placed = place(input, expr.steps, 0, value);
        if (placed == null) {
            throw matchFailure(resultPath, input);
        }
        return placed;
    }

    private static JsonNode place(JsonNode node, List<PathExpr.Step> steps, int at, JsonNode result) {
        PathExpr.Step step = steps.get(at);
        boolean last = at == steps.size() - 1;
        if (step.name() != null) {
            if (node != null && !node.isObject()) {
                return null;
            }
            ObjectNode copy = node == null ? Json.NODES.objectNode() : Json.shallowCopy((ObjectNode) node);
            JsonNode value = last ? result : place(copy.get(step.name()), steps, at + 1, result);
            if (value == null) {
                return null;
            }
            copy.set(step.name(), value);
            return copy;
        }
        if (node == null || !node.isArray() || step.index() >= node.size()) {
            return null;
        }
        ArrayNode copy = Json.NODES.arrayNode(node.size());
        copy.addAll((ArrayNode) node);
        JsonNode value = last ? result : place(copy.get(step.index()), steps, at + 1, result);
        if (value == null) {
            return null;
        }
        copy.set(step.index(), value);
        return copy;
    }

    private static EvaluationException matchFailure(String resultPath, JsonNode input) {
        return new EvaluationException("States.ResultPathMatchFailure",
                "Unable to apply ReferencePath " + resultPath + " to input " + Json.write(input));
    }

    /**
     * Parameters / ItemSelector / ResultSelector / Assign (JSONPath): copies the template; a key
     * ending in {@code .$} is replaced by the key without it, whose value is the result of the
     * path or intrinsic function. A path that matches nothing fails with States.Runtime:
     * {@code The JSONPath '$.x' specified for the field 'x.$' could not be found in the input '{}'}.
     */
    public static JsonNode evaluateTemplate(JsonNode template, EvalContext ctx) {
        if (template == null) {
            return null;
        }
        if (template.isObject()) {
            return evaluateObject((ObjectNode) template, ctx);
        }
        if (template.isArray()) {
            ArrayNode out = null;
            for (int i = 0; i < template.size(); i++) {
                JsonNode element = template.get(i);
                JsonNode evaluated = evaluateTemplate(element, ctx);
                if (out == null && evaluated != element) {
                    out = Json.NODES.arrayNode(template.size());
                    for (int k = 0; k < i; k++) {
                        out.add(template.get(k));
                    }
                }
                if (out != null) {
                    out.add(evaluated);
                }
            }
            // a static sub-tree is shared, not copied (nodes are treated as immutable)
            return out == null ? template : out;
        }
        return template;
    }

    private static ObjectNode evaluateObject(ObjectNode template, EvalContext ctx) {
        ObjectNode out = Json.NODES.objectNode();
        boolean changed = false;
        Iterator<Map.Entry<String, JsonNode>> fields = template.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.endsWith(".$") && key.length() > 2) {
                out.set(key.substring(0, key.length() - 2), dynamicValue(key, value, ctx));
                changed = true;
            } else {
                JsonNode evaluated = evaluateTemplate(value, ctx);
                changed |= evaluated != value;
                out.set(key, evaluated);
            }
        }
        return changed ? out : template;
    }

    private static JsonNode dynamicValue(String key, JsonNode value, EvalContext ctx) {
        if (value == null || !value.isTextual()) {
            throw new EvaluationException(RUNTIME,
                    "The value for the field '" + key + "' must be a STRING that contains a JSONPath but was "
                            + (value == null ? "null" : value.getNodeType().name()));
        }
        String text = value.textValue();
        if (Intrinsics.isIntrinsic(text)) {
            return Intrinsics.evaluate(text, ctx, key);
        }
        PathExpr expr = parse(text);
        JsonNode doc = expr.documentOrFail(ctx);
        JsonNode found = expr.find(doc);
        if (found == null) {
            throw notFound(text, key, doc);
        }
        return found;
    }

    /** Definition-time check of a Path; {@code where} is a location such as {@code /States/A/InputPath}. */
    public static List<String> validatePath(String path, String where) {
        if (path == null) {
            return List.of();
        }
        try {
            PathExpr.of(path);
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of("The value for the field '" + Json.fieldOf(where) + "' must be a valid JSONPath at " + where);
        }
    }

    /** Definition-time check of a Reference Path (ResultPath and the like: no operators, input only). */
    public static List<String> validateReferencePath(String path, String where) {
        if (path == null) {
            return List.of();
        }
        try {
            PathExpr expr = PathExpr.of(path);
            if (expr.root == PathExpr.Root.INPUT && expr.isReference()) {
                return List.of();
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        return List.of("The value for the field '" + Json.fieldOf(where) + "' must be a valid ReferencePath at " + where);
    }

    /** Definition-time check of a Payload Template: every {@code .$} value is a valid path or intrinsic call. */
    public static List<String> validateTemplate(JsonNode template, String where) {
        List<String> problems = new ArrayList<>();
        validateTemplate(template, where, problems);
        return problems;
    }

    private static void validateTemplate(JsonNode template, String where, List<String> problems) {
        if (template == null) {
            return;
        }
        if (template.isArray()) {
            for (int i = 0; i < template.size(); i++) {
                validateTemplate(template.get(i), where + "/" + i, problems);
            }
            return;
        }
        if (!template.isObject()) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = template.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            String at = where + "/" + key;
            if (!key.endsWith(".$")) {
                validateTemplate(field.getValue(), at, problems);
                continue;
            }
            if (template.has(key.substring(0, key.length() - 2))) {
                problems.add("The field '" + key.substring(0, key.length() - 2) + "' is given both as a static and as a dynamic ('.$') value at " + where);
            }
            JsonNode value = field.getValue();
            if (!value.isTextual()) {
                problems.add("The value for the field '" + key + "' must be a STRING that contains a JSONPath or an intrinsic function at " + at);
            } else if (Intrinsics.isIntrinsic(value.textValue())) {
                problems.addAll(Intrinsics.validate(value.textValue(), at));
            } else if (!validatePath(value.textValue(), at).isEmpty()) {
                problems.add("The value for the field '" + key + "' must be a valid JSONPath or a valid intrinsic function call at " + at);
            }
        }
    }
}
