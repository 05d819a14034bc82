package dev.fanout.asl.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One element of {@code Catch}.
 *
 * @param resultPath JSONPath ResultPath ({@code "$"} when absent, null for an explicit null)
 * @param output     JSONata {@code Output}, or null
 * @param assign     {@code Assign}, or null
 */
public record Catcher(List<String> errorEquals, String next, String resultPath, JsonNode output, JsonNode assign) {
    public Catcher {
        errorEquals = List.copyOf(errorEquals);
    }
}
