package dev.fanout.core.pipeline;

import java.util.Objects;

/**
 * What the reducer returns to the state machine (the execution output): small fields only.
 *
 * @param chunks  chunks whose partials were combined
 * @param records records mapped over all chunks
 * @param bytes   input bytes read by the workers
 */
public record ReduceResult(String resultUri, String summaryUri, int chunks, long records, long bytes) {
    public ReduceResult {
        Objects.requireNonNull(resultUri, "resultUri");
        Objects.requireNonNull(summaryUri, "summaryUri");
    }
}
