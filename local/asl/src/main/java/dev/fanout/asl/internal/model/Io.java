package dev.fanout.asl.internal.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Input and output processing fields. For the three path fields, an absent field is {@code "$"} and an
 * explicit JSON {@code null} is Java null (InputPath/OutputPath: {@code {}}; ResultPath: discard the result).
 *
 * @param arguments JSONata {@code Arguments}, or null
 * @param output    JSONata {@code Output}, or null
 */
public record Io(String inputPath, JsonNode parameters, JsonNode resultSelector, String resultPath, String outputPath,
                 JsonNode arguments, JsonNode output) {

    public static final String ROOT = "$";

    public static Io defaults() {
        return new Io(ROOT, null, null, ROOT, ROOT, null, null);
    }
}
