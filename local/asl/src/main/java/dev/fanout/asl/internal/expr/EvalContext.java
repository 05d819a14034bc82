package dev.fanout.asl.internal.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Map;

/**
 * What JSONPath expressions see: {@code $} is the input, {@code $$} the context object and
 * {@code $name} the variables assigned with {@code Assign}.
 *
 * <pre>{@code
 * EvalContext ctx = new EvalContext(input, contextObject, Map.of("count", IntNode.valueOf(3)));
 * JsonNode n = JsonPathSupport.read("$count", ctx);
 * }</pre>
 *
 * <p>The variables map is not copied: the engine hands in its own (possibly large, immutable)
 * scope view on every state transition, and copying it would cost more than the evaluation.
 */
public record EvalContext(JsonNode input, JsonNode context, Map<String, JsonNode> variables) {

    public EvalContext {
        input = input == null ? NullNode.getInstance() : input;
        context = context == null ? NullNode.getInstance() : context;
        variables = variables == null ? Map.of() : variables;
    }
}
