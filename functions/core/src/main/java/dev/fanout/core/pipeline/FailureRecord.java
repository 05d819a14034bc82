package dev.fanout.core.pipeline;

import java.util.Objects;

/**
 * What a worker writes to {@code Keys.failure(jobId, index)} when it reports a chunk as failed, so the
 * failure report and the summary can name the chunk and the byte offset. Never holds record contents.
 *
 * @param total      the job's chunk count
 * @param byteOffset the offset of the bad record in the input object, null when the failure is not about one
 */
public record FailureRecord(int index, int total, String jobType, String error, String cause, Long byteOffset) {
    public FailureRecord {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(cause, "cause");
    }
}
