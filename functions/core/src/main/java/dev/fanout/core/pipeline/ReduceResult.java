package dev.fanout.core.pipeline;

import java.util.Objects;

/**
 * What the reducer returns to the state machine (the execution output): small fields only.
 *
 * @param chunks  chunks whose partials were combined
 * @param records records mapped over all chunks
 * @param bytes   input bytes read by the workers
 * @param failedChunks chunks left out because they failed within the tolerance (then the result is partial)
 */
public record ReduceResult(String resultUri, String summaryUri, int chunks, long records, long bytes,
                           int failedChunks) {
    public ReduceResult {
        Objects.requireNonNull(resultUri, "resultUri");
        Objects.requireNonNull(summaryUri, "summaryUri");
    }

    /** Whether chunks are missing from the result (tolerated failures). */
    public boolean partial() {
        return failedChunks > 0;
    }
}
