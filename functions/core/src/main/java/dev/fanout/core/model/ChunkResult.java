package dev.fanout.core.model;

import java.util.Objects;

/**
 * What a worker reports for a finished chunk (SendTaskSuccess output, also stored as the partial's metadata).
 *
 * @param receiveCount how many times SQS delivered the message (1 = first try)
 */
public record ChunkResult(int index, ObjectLocation partial, long records, long skippedRecords, long bytes,
                          long durationMillis, int receiveCount) {
    public ChunkResult {
        Objects.requireNonNull(partial, "partial");
    }
}
