package dev.fanout.core.model;

import java.util.Objects;

/**
 * The small objects one chunk reads whole, one after the other: a chunk of an {@code s3Prefix} input may span many
 * of them. Their list ({@code {"key","etag","size","compression"}} per line) is not in the chunk descriptor — a
 * descriptor travels as a Distributed Map item and an SQS message, both limited to 256 KiB — but in the job's
 * segment file in the work bucket, {@code jobs/<jobId>/segments.jsonl}; the chunk's {@code input}, {@code start} and
 * {@code end} name the byte range of its lines there.
 *
 * @param bucket   the bucket the objects are in
 * @param count    objects in the group
 * @param bytes    their stored (compressed) size in all
 * @param firstKey key of the first object, for messages
 * @param lastKey  key of the last object, for messages
 */
public record ObjectGroup(String bucket, int count, long bytes, String firstKey, String lastKey) {
    public ObjectGroup {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(firstKey, "firstKey");
        Objects.requireNonNull(lastKey, "lastKey");
        if (count < 1 || bytes < 0) {
            throw new IllegalArgumentException("a group holds at least one object");
        }
    }
}
