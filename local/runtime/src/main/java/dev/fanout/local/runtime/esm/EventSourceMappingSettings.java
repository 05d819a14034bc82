package dev.fanout.local.runtime.esm;

import java.time.Duration;
import java.util.Objects;

/**
 * An SQS event source mapping's settings, as on Lambda.
 *
 * @param batchSize          messages per invocation, 1..10
 * @param maximumConcurrency batches processed at once (Lambda's MaximumConcurrency, at least 2 on AWS; 1 allowed locally)
 * @param pollWait           long-poll wait of each ReceiveMessage (Lambda uses 20 s; shorter locally so close() is quick)
 */
public record EventSourceMappingSettings(int batchSize, int maximumConcurrency, Duration pollWait) {
    public EventSourceMappingSettings {
        Objects.requireNonNull(pollWait, "pollWait");
        if (batchSize < 1 || batchSize > 10) {
            throw new IllegalArgumentException("batchSize must be within 1..10: " + batchSize);
        }
        if (maximumConcurrency < 1) {
            throw new IllegalArgumentException("maximumConcurrency must be at least 1: " + maximumConcurrency);
        }
        if (pollWait.isNegative() || pollWait.toSeconds() > 20) {
            throw new IllegalArgumentException("pollWait must be within 0..20 s: " + pollWait);
        }
    }
}
