package dev.fanout.core.model;

import java.util.Map;
import java.util.Objects;

/**
 * One element of the chunk manifest (the Distributed Map's ItemReader input), and the body of a work message.
 * A chunk owns the byte range {@code [start, end)} of the input: for text, every line that starts inside it
 * (Hadoop TextInputFormat rule); for a JSON array, the elements that start inside it.
 *
 * @param etag   the input's ETag when planned; the worker reads with If-Match so a changed input fails loudly
 * @param header the CSV header line for jobs whose input has one (null otherwise), so every chunk sees it
 */
public record Chunk(String jobId, String jobType, int index, int total, ObjectLocation input, long start,
                    long end, long objectSize, String etag, String header, Map<String, String> options) {
    public Chunk {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(jobType, "jobType");
        Objects.requireNonNull(input, "input");
        if (index < 0 || index >= total) {
            throw new IllegalArgumentException("index " + index + " outside [0," + total + ")");
        }
        if (start < 0 || end < start || end > objectSize) {
            throw new IllegalArgumentException("bad range [" + start + "," + end + ") of " + objectSize);
        }
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    public long length() {
        return end - start;
    }
}
