package dev.fanout.core.pipeline;

import java.util.Objects;

/**
 * A chunk that has no partial result, and why: the worker's error and cause from its failure record, or the Map
 * child's (a worker that died silently leaves no record: {@code States.HeartbeatTimeout}). Never record contents.
 */
public record FailedChunk(int index, String error, String cause) {
    public FailedChunk {
        Objects.requireNonNull(error, "error");
        cause = cause == null ? "" : cause;
    }
}
