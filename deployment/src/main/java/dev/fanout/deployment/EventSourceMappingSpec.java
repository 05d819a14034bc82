package dev.fanout.deployment;

import java.time.Duration;

/**
 * The worker's SQS event source mapping: {@code batchSize} messages per invocation, at most
 * {@code maximumConcurrency} invocations at once, {@code ReportBatchItemFailures} on.
 *
 * <p>How it scales (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html): "When messages are
 * available, Lambda starts processing five batches at a time with five concurrent invocations of your function. If
 * messages are still available, Lambda increases the number of processes that are reading batches by up to 300 more
 * instances per minute. The maximum number of batches that an event source mapping can process simultaneously is
 * 1,000." After an idle spell it is back at five, so every job from a quiet queue sees the ramp-up again.
 *
 * <pre>{@code
 * EventSourceMappingSpec.rampUpTime(1000);   // PT3M19S: 995 more batches at 300 a minute
 * }</pre>
 *
 * @param batchSize          messages per invocation (1..10: without a batching window Lambda takes at most 10)
 * @param maximumConcurrency the mapping's {@code ScalingConfig.MaximumConcurrency} (2..1000)
 */
public record EventSourceMappingSpec(int batchSize, int maximumConcurrency) {

    /** Concurrent batches when messages first arrive. */
    public static final int INITIAL_CONCURRENCY = 5;
    /** Concurrent batches added per minute at most while messages wait. */
    public static final int SCALE_UP_PER_MINUTE = 300;
    /** Bounds of {@code MaximumConcurrency} (CloudFormation's {@code AWS::Lambda::EventSourceMapping ScalingConfig}). */
    public static final int MIN_MAXIMUM_CONCURRENCY = 2;
    public static final int MAX_MAXIMUM_CONCURRENCY = 1000;
    /** Largest batch size without a {@code MaximumBatchingWindowInSeconds} (which the stack does not set). */
    public static final int MAX_BATCH_SIZE = 10;

    public EventSourceMappingSpec {
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("workerBatchSize must be within [1, " + MAX_BATCH_SIZE + "], was "
                    + batchSize);
        }
        if (maximumConcurrency < MIN_MAXIMUM_CONCURRENCY || maximumConcurrency > MAX_MAXIMUM_CONCURRENCY) {
            throw new IllegalArgumentException("workerMaxConcurrency must be within [" + MIN_MAXIMUM_CONCURRENCY + ", "
                    + MAX_MAXIMUM_CONCURRENCY + "] (the event source mapping's MaximumConcurrency), was "
                    + maximumConcurrency);
        }
    }

    /** Always on: a worker reports the messages to retry in {@code batchItemFailures}, the others are deleted. */
    public boolean reportBatchItemFailures() {
        return true;
    }

    /** {@link #rampUpTime(int)} of this mapping. */
    public Duration rampUpTime() {
        return rampUpTime(maximumConcurrency);
    }

    /**
     * How long the mapping takes from {@value #INITIAL_CONCURRENCY} concurrent batches to {@code concurrency}, adding
     * {@value #SCALE_UP_PER_MINUTE} a minute, rounded up to whole seconds: the longest a message sent at the start of
     * a job can wait in the queue before any worker takes it, when the Map sends as many messages as the workers can
     * hold.
     */
    public static Duration rampUpTime(int concurrency) {
        long more = Math.max(0, concurrency - INITIAL_CONCURRENCY);
        return Duration.ofSeconds((more * 60 + SCALE_UP_PER_MINUTE - 1) / SCALE_UP_PER_MINUTE);
    }

    /**
     * How the mapping grows, as a deployment runs it: {@code initialConcurrency} batches at once when messages arrive,
     * {@code increasePerMinute} more per {@code minute} while messages are available. On AWS the minute is a minute;
     * the local runtime scales it with its time scale ({@link Deployment#eventSourceMappingScaling()}).
     *
     * @param minute the period over which {@code increasePerMinute} batches are added
     */
    public record Scaling(int initialConcurrency, int increasePerMinute, Duration minute) {
        public Scaling {
            if (initialConcurrency < 1 || increasePerMinute < 1) {
                throw new IllegalArgumentException("the mapping starts with at least one batch and grows by at least "
                        + "one a minute");
            }
            if (minute == null || minute.isNegative() || minute.isZero()) {
                throw new IllegalArgumentException("minute must be positive, was " + minute);
            }
        }

        /** Time between two added batches: a minute over {@code increasePerMinute}. */
        public Duration step() {
            return minute.dividedBy(increasePerMinute);
        }

        /** Batches at once {@code elapsed} after messages arrived, when they kept coming: at most {@code cap}. */
        public int concurrencyAfter(Duration elapsed, int cap) {
            long added = elapsed.isNegative() ? 0 : elapsed.toNanos() / Math.max(1, step().toNanos());
            return (int) Math.min(cap, initialConcurrency + added);
        }
    }
}
