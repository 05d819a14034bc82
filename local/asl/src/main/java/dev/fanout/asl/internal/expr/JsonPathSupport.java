package dev.fanout.asl.internal.expr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** JSONPath paths, reference paths and payload templates of the JSONPath query language. */
public final class JsonPathSupport {

    private JsonPathSupport() {}

    public static JsonNode read(String path, EvalContext ctx) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public static JsonNode applyResultPath(JsonNode input, String resultPath, JsonNode result) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public static JsonNode evaluateTemplate(JsonNode template, EvalContext ctx) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public static List<String> validatePath(String path, String where) {
        return List.of();
    }

    public static List<String> validateReferencePath(String path, String where) {
        return List.of();
    }

    public static List<String> validateTemplate(JsonNode template, String where) {
        return List.of();
    }
}
