package dev.fanout.core.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.Objects;

/**
 * One element of the chunk manifest (the Distributed Map's ItemReader input), and the body of a work message.
 * A chunk owns the byte range {@code [start, end)} of the input: for text, every line that starts inside it
 * (Hadoop TextInputFormat rule); for a JSON array, the elements that start inside it. A compressed object is one
 * chunk, read whole ({@code [0, objectSize)}, {@code compression} set). A chunk of many small objects read whole
 * ({@code objects} set) names them in the job's segment file: then {@code input} is that file and
 * {@code [start, end)} the range of the chunk's lines in it (see {@link ObjectGroup}).
 *
 * <p>A descriptor travels as a Distributed Map item (a child execution's input) and inside an SQS message, so it
 * stays far below the 256 KiB both allow: it never lists objects inline, and its header is at most 64 KiB.
 *
 * @param etag        the input's ETag when planned; the worker reads with If-Match so a changed input fails loudly
 * @param header      the CSV header line for jobs whose input has one (null otherwise), so every chunk sees it
 * @param compression how the object is compressed, or null
 * @param objects     the group of small objects the chunk reads, or null for a chunk of one object
 * @param output      where a map-only job's chunk commits its part, or null for a job that writes a partial
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Chunk(String jobId, String jobType, int index, int total, ObjectLocation input, long start,
                    long end, long objectSize, String etag, String header, Map<String, String> options,
                    Compression compression, ObjectGroup objects, ObjectLocation output) {
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
        if (compression != null && (start != 0 || end != objectSize)) {
            throw new IllegalArgumentException("a compressed object is read whole, not [" + start + "," + end + ")");
        }
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** A chunk of one uncompressed object, for a job that writes a partial. */
    public Chunk(String jobId, String jobType, int index, int total, ObjectLocation input, long start, long end,
                 long objectSize, String etag, String header, Map<String, String> options) {
        this(jobId, jobType, index, total, input, start, end, objectSize, etag, header, options, null, null, null);
    }

    public long length() {
        return end - start;
    }

    /** The input bytes the chunk reads (stored bytes: compressed ones for a compressed object). */
    @JsonIgnore
    public long inputBytes() {
        return objects == null ? length() : objects.bytes();
    }

    /** What the chunk reads, for messages: the object and range, or the group of objects. */
    @JsonIgnore
    public String describeInput() {
        if (objects != null) {
            return objects.count() + (objects.count() == 1 ? " object " : " objects from ")
                    + "s3://" + objects.bucket() + "/" + objects.firstKey()
                    + (objects.count() == 1 ? "" : " to " + objects.lastKey()) + ", " + objects.bytes() + " bytes";
        }
        if (compression != null) {
            return input.toUri() + ", " + compression.name().toLowerCase(java.util.Locale.ROOT) + ", "
                    + objectSize + " bytes";
        }
        return input.toUri() + ", bytes " + start + "-" + end;
    }
}
