package dev.fanout.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What {@code fanout run} adds after the result's location, from {@code summary.json}: that the result is partial
 * (which chunks failed within the tolerance, and why), and in chaos mode the faults and how they were absorbed.
 */
final class SummaryLines {
    private static final int NAMED_CHUNKS = 10;
    private static final int MAX_CAUSE = 160;

    private SummaryLines() {
    }

    static List<String> of(String summaryJson) {
        List<String> lines = new ArrayList<>();
        JsonNode summary;
        try {
            summary = JobsApiClient.json().readTree(summaryJson);
        } catch (Exception e) {
            return lines;
        }
        if (summary.path("partial").asBoolean(false)) {
            JsonNode failed = summary.path("failedChunks");
            long total = summary.path("chunks").path("total").asLong();
            long failedCount = summary.path("chunks").path("failed").asLong(failed.size());
            lines.add("partial: " + failedCount + " of " + total + " chunks failed within the tolerated percentage "
                    + "and are missing from the result:");
            int named = 0;
            for (JsonNode chunk : failed) {
                if (named++ == NAMED_CHUNKS) {
                    lines.add("  ... and " + (failedCount - NAMED_CHUNKS) + " more (see the summary)");
                    break;
                }
                String cause = chunk.path("cause").asText("");
                lines.add("  chunk " + chunk.path("index").asInt() + ": " + chunk.path("error").asText()
                        + (cause.isEmpty() ? "" : ": " + (cause.length() > MAX_CAUSE
                        ? cause.substring(0, MAX_CAUSE) + "..." : cause)));
            }
        }
        JsonNode faults = summary.path("faults");
        if (faults.isObject() && !faults.isEmpty()) {
            List<String> kinds = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = faults.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> kind = it.next();
                StringBuilder text = new StringBuilder(kind.getKey()).append(' ')
                        .append(kind.getValue().path("injected").asInt()).append(" injected");
                for (String outcome : List.of("retried", "dropped", "tolerated", "failed")) {
                    int n = kind.getValue().path(outcome).asInt();
                    if (n > 0) {
                        text.append(", ").append(n).append(' ').append(outcome);
                    }
                }
                kinds.add(text.toString());
            }
            lines.add("faults: " + String.join("; ", kinds));
        }
        return lines;
    }
}
