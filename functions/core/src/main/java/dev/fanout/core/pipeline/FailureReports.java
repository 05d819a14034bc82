package dev.fanout.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.ObjectInfo;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.port.BlobStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Reads a job's failure records to name the failed chunks and offsets in an execution's cause. */
final class FailureReports {
    static final int DETAILED = 20;
    private static final int MAX_CAUSE_CHARS = 32_000; // a Fail state's cause holds 32,768
    private static final int MAX_DETAIL_CHARS = 600;

    private final BlobStore blobs;
    private final String workBucket;

    FailureReports(BlobStore blobs, String workBucket) {
        this.blobs = blobs;
        this.workBucket = workBucket;
    }

    /**
     * @param count   failure records found
     * @param indices their chunk indices (the first 1,000)
     * @param details the first {@link #DETAILED} records that could be read
     * @param total   the job's chunk count from the records, -1 if none
     * @param jobType from the records, null if none
     */
    record Found(int count, List<Integer> indices, List<FailureRecord> details, int total, String jobType) {
    }

    Found find(String jobId) {
        List<ObjectInfo> listed = blobs.list(workBucket, Keys.failuresPrefix(jobId));
        List<Integer> indices = new ArrayList<>();
        List<FailureRecord> details = new ArrayList<>();
        int count = 0;
        for (ObjectInfo info : listed) {
            int index = Keys.indexOf(info.location().key());
            if (index < 0) {
                continue;
            }
            count++;
            if (indices.size() < 1_000) {
                indices.add(index);
            }
            if (details.size() < DETAILED) {
                readRecord(info.location()).ifPresent(details::add);
            }
        }
        int total = details.isEmpty() ? -1 : details.get(0).total();
        String jobType = details.isEmpty() ? null : details.get(0).jobType();
        return new Found(count, indices, details, total, jobType);
    }

    private Optional<FailureRecord> readRecord(ObjectLocation location) {
        try {
            return blobs.get(location).map(blob -> Json.read(blob.body(), FailureRecord.class));
        } catch (RuntimeException e) {
            return Optional.empty(); // an unreadable record must not hide the original error
        }
    }

    static String preciseCause(String cause, Found found) {
        return preciseCause(cause, found, List.of());
    }

    /**
     * The cause, then the failed chunks: from the failure records when there are any, else from {@code failed} (the
     * Map's failed children, e.g. heartbeat timeouts, which leave no record).
     */
    static String preciseCause(String cause, Found found, Collection<FailedChunk> failed) {
        StringBuilder text = new StringBuilder(unwrapLambdaError(cause));
        if (found.count() == 0 && !failed.isEmpty()) {
            if (!text.isEmpty()) {
                text.append(" | ");
            }
            text.append(failed.size()).append(failed.size() == 1 ? " chunk failed: " : " chunks failed: ");
            List<String> parts = new ArrayList<>();
            for (FailedChunk c : failed) {
                if (parts.size() == DETAILED) {
                    break;
                }
                String detail = c.error() + " in chunk " + c.index() + (c.cause().isEmpty() ? "" : ": " + c.cause());
                parts.add(detail.length() > MAX_DETAIL_CHARS ? detail.substring(0, MAX_DETAIL_CHARS) + "..." : detail);
            }
            text.append(String.join("; ", parts));
            if (failed.size() > parts.size()) {
                text.append("; and ").append(failed.size() - parts.size()).append(" more");
            }
        }
        if (found.count() > 0) {
            if (!text.isEmpty()) {
                text.append(" | ");
            }
            text.append(found.count()).append(found.count() == 1 ? " chunk failed: " : " chunks failed: ");
            List<String> parts = new ArrayList<>();
            for (FailureRecord r : found.details()) {
                String detail = r.error() + " in " + r.cause()
                        + (r.byteOffset() == null ? "" : " [byte offset " + r.byteOffset() + "]");
                parts.add(detail.length() > MAX_DETAIL_CHARS ? detail.substring(0, MAX_DETAIL_CHARS) + "..." : detail);
            }
            text.append(String.join("; ", parts));
            if (found.count() > found.details().size()) {
                text.append("; and ").append(found.count() - found.details().size()).append(" more");
            }
        }
        return text.length() <= MAX_CAUSE_CHARS ? text.toString() : text.substring(0, MAX_CAUSE_CHARS) + "...";
    }

    /**
     * A Lambda function's error reaches the state machine with a JSON cause ({@code errorMessage}, {@code
     * errorType}, {@code stackTrace}); the message is what a reader of the failed job needs.
     */
    static String unwrapLambdaError(String cause) {
        if (cause == null) {
            return "";
        }
        if (!cause.stripLeading().startsWith("{")) {
            return cause;
        }
        try {
            JsonNode message = Json.mapper().readTree(cause).get("errorMessage");
            return message != null && message.isTextual() ? message.asText() : cause;
        } catch (IOException | RuntimeException e) {
            return cause;
        }
    }
}
