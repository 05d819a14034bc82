package dev.fanout.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.ObjectInfo;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.port.BlobStore;
import java.io.IOException;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Why chunks have no partial: from the Distributed Map's ResultWriter files (every failed or timed-out child, with
 * its error and cause — what the worker sent with SendTaskFailure, or {@code States.HeartbeatTimeout} for a worker
 * that died silently) and from the workers' failure records. A chunk whose partial exists is not failed, whatever an
 * earlier record says (it succeeded later, e.g. after a redrive).
 */
final class ChunkFailures {
    private static final String MAP_RESULTS = "map-results/";
    private static final String RESULTS_MANIFEST = "manifest.json";
    private static final int MAX_DETAIL_CHARS = 2_000;

    private final BlobStore blobs;
    private final String workBucket;

    ChunkFailures(BlobStore blobs, String workBucket) {
        this.blobs = blobs;
        this.workBucket = workBucket;
    }

    /**
     * The failed chunks without a partial, by index: the Map's FAILED results at {@code results} (or, when null, the
     * newest results manifest under the job's {@code map-results/}), completed by the failure records; a record's
     * details are read for at most {@code maxRecordsRead} chunks the Map results do not explain.
     */
    Map<Integer, FailedChunk> find(String jobId, ObjectLocation results, BitSet present, int maxRecordsRead) {
        Map<Integer, FailedChunk> failed = new TreeMap<>();
        Optional<ObjectLocation> manifest = results != null ? Optional.of(results) : newestResults(jobId);
        manifest.ifPresent(m -> readMapResults(m, present, failed));
        int read = 0;
        for (ObjectInfo info : blobs.list(workBucket, Keys.failuresPrefix(jobId))) {
            int index = Keys.indexOf(info.location().key());
            if (index < 0 || present.get(index) || failed.containsKey(index)) {
                continue;
            }
            FailedChunk chunk = read++ < maxRecordsRead ? record(info.location(), index)
                    : new FailedChunk(index, "Unknown", "see the failure record " + info.location().toUri());
            failed.put(index, chunk);
        }
        return failed;
    }

    private Optional<ObjectLocation> newestResults(String jobId) {
        return blobs.list(workBucket, Keys.jobPrefix(jobId) + MAP_RESULTS).stream()
                .filter(o -> o.location().key().endsWith("/" + RESULTS_MANIFEST))
                .max(Comparator.comparing(o -> o.location().key()))
                .map(ObjectInfo::location);
    }

    /** Each FAILED_n.json the manifest names: the children that failed or timed out (aborted ones did not fail). */
    private void readMapResults(ObjectLocation manifest, BitSet present, Map<Integer, FailedChunk> failed) {
        JsonNode files = readJson(manifest).path("ResultFiles").path("FAILED");
        for (JsonNode file : files) {
            String key = file.path("Key").asText("");
            if (key.isEmpty()) {
                continue;
            }
            for (JsonNode child : readJson(new ObjectLocation(manifest.bucket(), key))) {
                String status = child.path("Status").asText("");
                int index = chunkIndex(child.path("Input"));
                if (index < 0 || present.get(index) || !(status.equals("FAILED") || status.equals("TIMED_OUT"))) {
                    continue;
                }
                failed.put(index, new FailedChunk(index, child.path("Error").asText("States.TaskFailed"),
                        clip(child.path("Cause").asText(""))));
            }
        }
    }

    /** The child's input is the Map's item selector output, {@code {"chunk": {..., "index": n}, ...}}, as text. */
    private static int chunkIndex(JsonNode input) {
        try {
            JsonNode node = input.isTextual() ? Json.mapper().readTree(input.asText()) : input;
            JsonNode index = node.path("chunk").path("index");
            return index.canConvertToInt() ? index.asInt() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private FailedChunk record(ObjectLocation location, int index) {
        try {
            FailureRecord r = blobs.get(location).map(b -> Json.read(b.body(), FailureRecord.class)).orElse(null);
            if (r != null) {
                return new FailedChunk(index, r.error(), clip(r.cause()));
            }
        } catch (RuntimeException e) {
            // an unreadable record must not hide the failure itself
        }
        return new FailedChunk(index, "Unknown", "the failure record " + location.toUri() + " could not be read");
    }

    private JsonNode readJson(ObjectLocation location) {
        try {
            return blobs.get(location).map(b -> Json.read(b.body(), JsonNode.class))
                    .orElse(Json.mapper().missingNode());
        } catch (RuntimeException e) {
            return Json.mapper().missingNode(); // the failure records still name the chunks
        }
    }

    private static String clip(String text) {
        return text.length() <= MAX_DETAIL_CHARS ? text : text.substring(0, MAX_DETAIL_CHARS) + "...";
    }

    /** The first {@code n} of them, in chunk order. */
    static List<FailedChunk> first(Map<Integer, FailedChunk> failed, int n) {
        return failed.values().stream().limit(n).toList();
    }
}
