package dev.fanout.infra;

/**
 * How much the pipeline runs at once, and the timeouts that follow from it — derived in one place.
 *
 * <p>A Map child's heartbeat clock starts when it sends its message, not when a worker takes it, so the Map may
 * not keep more chunks in flight than the workers hold: {@link #mapMaxConcurrency()} is the event source
 * mapping's {@code MaximumConcurrency} times its batch size, and it becomes the functions' {@code MAX_CONCURRENCY}
 * cap (a request can only lower it).
 *
 * <pre>{@code
 * PipelineSizing sizing = PipelineSizing.defaults().withWorkerMaxConcurrency(500);
 * int mapCap = sizing.mapMaxConcurrency(); // 500 with batch size 1
 * }</pre>
 *
 * @param workerMaxConcurrency ESM MaximumConcurrency: worker invocations at once (2..1000, Lambda's bounds)
 * @param workerBatchSize      messages (chunks) per worker invocation (1..10)
 * @param heartbeatSeconds     HeartbeatSeconds of the wait-for-task-token state; workers beat every third of it
 * @param maxReceiveCount      deliveries of a work message before it moves to the dead-letter queue
 * @param workerMemoryMb       worker function memory
 * @param workerTimeoutSeconds worker function timeout (at most Lambda's 900 s)
 */
public record PipelineSizing(int workerMaxConcurrency, int workerBatchSize, int heartbeatSeconds,
                             int maxReceiveCount, int workerMemoryMb, int workerTimeoutSeconds) {

    /** AWS's advice for an SQS event source: visibility timeout at least six times the function timeout. */
    static final int VISIBILITY_TIMEOUT_FACTOR = 6;

    public PipelineSizing {
        requireWithin("workerMaxConcurrency", workerMaxConcurrency, 2, 1000);
        requireWithin("workerBatchSize", workerBatchSize, 1, 10);
        requireWithin("heartbeatSeconds", heartbeatSeconds, 10, 3600);
        requireWithin("maxReceiveCount", maxReceiveCount, 1, 1000);
        requireWithin("workerMemoryMb", workerMemoryMb, 512, 10240);
        requireWithin("workerTimeoutSeconds", workerTimeoutSeconds, 10, 900);
    }

    /** 100 workers of one chunk each, 120 s heartbeats, 3 deliveries, 2 GB / 5 min workers. */
    public static PipelineSizing defaults() {
        return new PipelineSizing(100, 1, 120, 3, 2048, 300);
    }

    /** The cap of the Map's MaxConcurrency: chunks the workers can hold in flight. */
    public int mapMaxConcurrency() {
        return workerMaxConcurrency * workerBatchSize;
    }

    /** The work queue's visibility timeout. */
    public int visibilityTimeoutSeconds() {
        return VISIBILITY_TIMEOUT_FACTOR * workerTimeoutSeconds;
    }

    public PipelineSizing withWorkerMaxConcurrency(int value) {
        return new PipelineSizing(value, workerBatchSize, heartbeatSeconds, maxReceiveCount, workerMemoryMb,
                workerTimeoutSeconds);
    }

    public PipelineSizing withWorkerBatchSize(int value) {
        return new PipelineSizing(workerMaxConcurrency, value, heartbeatSeconds, maxReceiveCount, workerMemoryMb,
                workerTimeoutSeconds);
    }

    private static void requireWithin(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be within [" + min + ", " + max + "], was " + value);
        }
    }
}
