package dev.fanout.tests.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.core.json.Json;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/** Reads the {@code wordcount} job's {@code result.json}: a JSON object of word to count. */
public final class WordCountResult {

    private WordCountResult() {
    }

    public static Map<String, Long> parse(String resultJson) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(resultJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("result.json is not JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("result.json is not a JSON object of word counts");
        }
        Map<String, Long> counts = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            if (!entry.getValue().canConvertToLong()) {
                throw new IllegalArgumentException("count of '" + entry.getKey() + "' is not a whole number");
            }
            counts.put(entry.getKey(), entry.getValue().asLong());
        }
        return counts;
    }
}
