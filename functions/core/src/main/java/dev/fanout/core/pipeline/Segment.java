package dev.fanout.core.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fanout.core.model.Compression;
import java.util.Objects;

/**
 * One line of a job's segment file ({@link Keys#segments}): an object a grouped chunk reads whole.
 *
 * @param compression null when the key does not say; the worker also honours the object's Content-Encoding
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Segment(String key, String etag, long size, Compression compression) {
    Segment {
        Objects.requireNonNull(key, "key");
        if (size < 0) {
            throw new IllegalArgumentException("size < 0");
        }
    }
}
