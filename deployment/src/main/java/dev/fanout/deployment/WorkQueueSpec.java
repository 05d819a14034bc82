package dev.fanout.deployment;

import java.time.Duration;
import java.util.Objects;

/**
 * The work queue the Map children send chunks to, and its dead-letter queue.
 *
 * <pre>{@code
 * WorkQueueSpec queue = Deployment.of(DeploymentSettings.defaults()).workQueue();
 * queue.visibilityTimeout();   // PT30M: 6 × the worker's 5 minutes
 * }</pre>
 *
 * @param visibilityTimeout   the work queue's visibility timeout
 * @param maxReceiveCount     deliveries of a message before SQS moves it to the dead-letter queue (redrive policy)
 * @param deadLetterRetention how long the dead-letter queue keeps a message
 */
public record WorkQueueSpec(Duration visibilityTimeout, int maxReceiveCount, Duration deadLetterRetention) {

    /**
     * "set the source queue's visibility timeout to at least six times the configuration timeout on your function.
     * The extra time allows Lambda to retry if your function is throttled while processing a previous batch."
     * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html)
     */
    public static final int VISIBILITY_TIMEOUT_FACTOR = 6;
    /** The longest SQS keeps a message (14 days): time to look at a failed chunk and redrive it. */
    public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(14);
    /** SQS bounds: visibility timeout 0..12 h, maxReceiveCount 1..1000. */
    public static final long MAX_VISIBILITY_TIMEOUT_SECONDS = 43_200;
    public static final int MAX_RECEIVE_COUNT = 1000;

    public WorkQueueSpec {
        Durations.requireWholeSeconds("visibilityTimeout", visibilityTimeout, 0, MAX_VISIBILITY_TIMEOUT_SECONDS);
        Objects.requireNonNull(deadLetterRetention, "deadLetterRetention");
        if (maxReceiveCount < 1 || maxReceiveCount > MAX_RECEIVE_COUNT) {
            throw new IllegalArgumentException("maxReceiveCount must be within [1, " + MAX_RECEIVE_COUNT + "], was "
                    + maxReceiveCount);
        }
    }

    /** The redrive policy's JSON, as SQS's {@code RedrivePolicy} attribute takes it. */
    public String redrivePolicy(String deadLetterQueueArn) {
        Objects.requireNonNull(deadLetterQueueArn, "deadLetterQueueArn");
        return "{\"deadLetterTargetArn\":\"" + deadLetterQueueArn + "\",\"maxReceiveCount\":" + maxReceiveCount + "}";
    }
}
