package dev.fanout.asl.internal.expr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Map;

/** Small helpers to write JSON in tests with single quotes. */
final class Fixtures {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Fixtures() {}

    /** Parses JSON written with ' instead of " (no JSON in these tests contains a literal '). */
    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses JSON verbatim. */
    static JsonNode raw(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EvalContext input(String json) {
        return new EvalContext(json(json), json("{}"), Map.of());
    }

    static EvalContext ctx(String input, String context, Map<String, JsonNode> variables) {
        return new EvalContext(json(input), json(context), variables);
    }
}
