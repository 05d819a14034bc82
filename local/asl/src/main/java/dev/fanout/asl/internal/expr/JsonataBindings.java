package dev.fanout.asl.internal.expr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What a JSONata expression sees: {@code $states} is {@code {input, context, result?,
 * errorOutput?}} (result and errorOutput are null when not available in the current field) and
 * every variable is bound by its name ({@code $name}).
 *
 * <pre>{@code
 * JsonataBindings b = new JsonataBindings(input, context, taskResult, null, variables);
 * JsonNode out = Jsonata.evaluate(outputField, b);
 * }</pre>
 */
public record JsonataBindings(
        JsonNode input, JsonNode context, JsonNode result, JsonNode errorOutput, Map<String, JsonNode> variables) {

    public JsonataBindings {
        variables = variables == null ? Map.of() : variables;
    }
}
