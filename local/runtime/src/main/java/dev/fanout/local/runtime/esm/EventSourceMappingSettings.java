package dev.fanout.local.runtime.esm;

import dev.fanout.deployment.EventSourceMappingSpec;
import java.time.Duration;
import java.util.Objects;

/**
 * An SQS event source mapping's settings, as on Lambda.
 *
 * @param batchSize          messages per invocation, 1..10
 * @param maximumConcurrency batches processed at once at most (Lambda's MaximumConcurrency, at least 2 on AWS; 1
 *                           allowed locally)
 * @param pollWait           long-poll wait of each ReceiveMessage ({@link #LAMBDA_POLL_WAIT} on Lambda and in the local
 *                           runtime; close() does not wait for a poll)
 * @param scaling            how the concurrent batches grow towards {@code maximumConcurrency} (Lambda's: 5, then 300
 *                           more a minute while messages are available; the local runtime scales the minute)
 */
public record EventSourceMappingSettings(int batchSize, int maximumConcurrency, Duration pollWait,
                                         EventSourceMappingSpec.Scaling scaling) {
    /** Lambda's scaling at AWS's own timing. */
    public static final EventSourceMappingSpec.Scaling LAMBDA_SCALING = new EventSourceMappingSpec.Scaling(
            EventSourceMappingSpec.INITIAL_CONCURRENCY, EventSourceMappingSpec.SCALE_UP_PER_MINUTE,
            Duration.ofMinutes(1));

    /**
     * The long-poll wait of Lambda's own pollers: they receive with long polling
     * (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html), at SQS's longest wait of 20 s
     * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/best-practices-setting-up-long-polling.html).
     * A poll returns as soon as a message is available, so the wait costs no latency; an idle poller asks once in 20 s.
     */
    public static final Duration LAMBDA_POLL_WAIT = Duration.ofSeconds(20);

    public EventSourceMappingSettings {
        Objects.requireNonNull(pollWait, "pollWait");
        Objects.requireNonNull(scaling, "scaling");
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

    /** With Lambda's scaling at AWS's own timing. */
    public EventSourceMappingSettings(int batchSize, int maximumConcurrency, Duration pollWait) {
        this(batchSize, maximumConcurrency, pollWait, LAMBDA_SCALING);
    }
}
