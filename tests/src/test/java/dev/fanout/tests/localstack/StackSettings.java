package dev.fanout.tests.localstack;

import dev.fanout.core.pipeline.PipelineSettings;
import java.time.Duration;

/**
 * The numbers of one LocalStack deployment: queue redrive, event source mapping and the settings the functions
 * read from their environment. Defaults come from {@link PipelineSettings}, the functions' own defaults, so the
 * queue and the functions agree on {@code maxReceiveCount} and the heartbeat.
 *
 * <pre>{@code
 * StackSettings settings = StackSettings.forLocalStack();
 * settings.maxConcurrency(); // what the Map may hold in flight: batch size × ESM MaximumConcurrency
 * }</pre>
 *
 * @param maxReceiveCount       the work queue's redrive {@code maxReceiveCount}
 * @param heartbeatSeconds      HeartbeatSeconds of the wait-for-task-token state
 * @param defaultChunkSizeBytes chunk size of jobs that do not ask for one (uploads)
 * @param batchSize             messages per worker invocation
 * @param maximumConcurrency    the ESM's {@code ScalingConfig.MaximumConcurrency} (AWS minimum: 2)
 * @param deadLetterRetention   how long failed chunks stay in the DLQ for inspection and redrive
 */
public record StackSettings(int maxReceiveCount, int heartbeatSeconds, long defaultChunkSizeBytes, int batchSize,
                            int maximumConcurrency, Duration deadLetterRetention) {

    /** SQS keeps messages at most 14 days. */
    public static final Duration MAX_RETENTION = Duration.ofDays(14);

    /**
     * Lambda's guidance for SQS event sources: a visibility timeout of at least six times the function timeout,
     * so a message is not redelivered while a throttled or retried invocation still holds it.
     */
    public static final int VISIBILITY_TIMEOUT_FACTOR = 6;

    public StackSettings {
        requireAtLeast(maxReceiveCount, 1, "maxReceiveCount");
        requireAtLeast(heartbeatSeconds, 1, "heartbeatSeconds");
        requireAtLeast(defaultChunkSizeBytes, 1, "defaultChunkSizeBytes");
        requireAtLeast(batchSize, 1, "batchSize");
        requireAtLeast(maximumConcurrency, 2, "maximumConcurrency");
        if (deadLetterRetention.isNegative() || deadLetterRetention.compareTo(MAX_RETENTION) > 0) {
            throw new IllegalArgumentException("deadLetterRetention must be within 0.." + MAX_RETENTION);
        }
    }

    /**
     * The functions' defaults, except: 1 KiB chunks (the smallest a request may ask for, so small test
     * uploads still fan out into several chunks) and two single-message workers (every concurrent Lambda
     * environment is a JVM in its own container on the test machine).
     */
    public static StackSettings forLocalStack() {
        return new StackSettings(PipelineSettings.DEFAULT_MAX_RECEIVE_COUNT, PipelineSettings.DEFAULT_HEARTBEAT_SECONDS,
                1024, 1, 2, MAX_RETENTION);
    }

    /** The Map's concurrency cap: never more chunks in flight than the workers hold (the heartbeat starts at send). */
    public int maxConcurrency() {
        return batchSize * maximumConcurrency;
    }

    /** Visibility timeout of the work queue for a worker with this timeout. */
    public Duration visibilityTimeout(Duration workerTimeout) {
        return workerTimeout.multipliedBy(VISIBILITY_TIMEOUT_FACTOR);
    }

    private static void requireAtLeast(long value, long minimum, String name) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ", was " + value);
        }
    }
}
