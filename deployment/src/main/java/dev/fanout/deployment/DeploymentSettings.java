package dev.fanout.deployment;

import java.time.Duration;

/**
 * What a deployment of the pipeline can be configured with — the inputs; everything derived from them is in
 * {@link Deployment}. The CDK app reads them from context ({@code -c fanout:workerMaxConcurrency=500}, see infra's
 * {@code FanoutStackProps}); the local runtime and the LocalStack suite take the same record. Every value is
 * checked against the bounds AWS enforces, with a message naming the setting.
 *
 * <pre>{@code
 * DeploymentSettings settings = DeploymentSettings.defaults().withWorkerMaxConcurrency(500);
 * Deployment deployment = Deployment.of(settings);
 * }</pre>
 *
 * @param workerMaxConcurrency   the event source mapping's {@code MaximumConcurrency}: worker invocations at once (2..1000)
 * @param workerBatchSize        messages (chunks) per worker invocation (1..10)
 * @param baseHeartbeat          the heartbeat a running worker needs; the deployed {@code HeartbeatSeconds} adds the
 *                               event source mapping's ramp-up time to it ({@link Deployment#heartbeat()}), so a chunk
 *                               that waited the whole ramp-up in the queue still finds its task alive; 10..3600 s
 * @param maxReceiveCount        deliveries of a work message before it moves to the dead-letter queue (1..1000)
 * @param workerMemoryMb         worker memory (512..10,240 MB; Lambda allows 128, but the JVM, the SDK clients and a
 *                               chunk's partial need more)
 * @param workerTimeout          worker timeout, whole seconds (1..900 s, Lambda's bounds)
 * @param workDataExpirationDays days after which work data ({@code jobs/}) and inline inputs ({@code inline/}) expire
 */
public record DeploymentSettings(int workerMaxConcurrency, int workerBatchSize, Duration baseHeartbeat,
                                 int maxReceiveCount, int workerMemoryMb, Duration workerTimeout,
                                 int workDataExpirationDays) {

    public static final int DEFAULT_WORKER_MAX_CONCURRENCY = 100;
    public static final int DEFAULT_WORKER_BATCH_SIZE = 1;
    public static final Duration DEFAULT_BASE_HEARTBEAT = Duration.ofSeconds(120);
    public static final int DEFAULT_MAX_RECEIVE_COUNT = 3;
    public static final int DEFAULT_WORKER_MEMORY_MB = 2048;
    public static final Duration DEFAULT_WORKER_TIMEOUT = Duration.ofMinutes(5);
    public static final int DEFAULT_WORK_DATA_EXPIRATION_DAYS = 7;

    public DeploymentSettings {
        // the event source mapping's own bounds, with its messages
        new EventSourceMappingSpec(workerBatchSize, workerMaxConcurrency);
        Durations.requireWholeSeconds("baseHeartbeat", baseHeartbeat, 10, 3600);
        if (maxReceiveCount < 1 || maxReceiveCount > WorkQueueSpec.MAX_RECEIVE_COUNT) {
            throw new IllegalArgumentException("maxReceiveCount must be within [1, " + WorkQueueSpec.MAX_RECEIVE_COUNT
                    + "], was " + maxReceiveCount);
        }
        if (workerMemoryMb < 512 || workerMemoryMb > 10_240) {
            throw new IllegalArgumentException("workerMemoryMb must be within [512, 10240], was " + workerMemoryMb);
        }
        Durations.requireWholeSeconds("workerTimeout", workerTimeout, 1, 900);
        if (workDataExpirationDays < 1) {
            throw new IllegalArgumentException("workDataExpirationDays must be at least 1, was "
                    + workDataExpirationDays);
        }
    }

    /** 100 workers of one chunk each, a 120 s base heartbeat, 3 deliveries, 2 GB / 5 min workers, 7 days of work data. */
    public static DeploymentSettings defaults() {
        return new DeploymentSettings(DEFAULT_WORKER_MAX_CONCURRENCY, DEFAULT_WORKER_BATCH_SIZE, DEFAULT_BASE_HEARTBEAT,
                DEFAULT_MAX_RECEIVE_COUNT, DEFAULT_WORKER_MEMORY_MB, DEFAULT_WORKER_TIMEOUT,
                DEFAULT_WORK_DATA_EXPIRATION_DAYS);
    }

    public DeploymentSettings withWorkerMaxConcurrency(int value) {
        return new DeploymentSettings(value, workerBatchSize, baseHeartbeat, maxReceiveCount, workerMemoryMb,
                workerTimeout, workDataExpirationDays);
    }

    public DeploymentSettings withWorkerBatchSize(int value) {
        return new DeploymentSettings(workerMaxConcurrency, value, baseHeartbeat, maxReceiveCount, workerMemoryMb,
                workerTimeout, workDataExpirationDays);
    }

    public DeploymentSettings withBaseHeartbeat(Duration value) {
        return new DeploymentSettings(workerMaxConcurrency, workerBatchSize, value, maxReceiveCount, workerMemoryMb,
                workerTimeout, workDataExpirationDays);
    }

    public DeploymentSettings withMaxReceiveCount(int value) {
        return new DeploymentSettings(workerMaxConcurrency, workerBatchSize, baseHeartbeat, value, workerMemoryMb,
                workerTimeout, workDataExpirationDays);
    }

    public DeploymentSettings withWorkerMemoryMb(int value) {
        return new DeploymentSettings(workerMaxConcurrency, workerBatchSize, baseHeartbeat, maxReceiveCount, value,
                workerTimeout, workDataExpirationDays);
    }

    public DeploymentSettings withWorkerTimeout(Duration value) {
        return new DeploymentSettings(workerMaxConcurrency, workerBatchSize, baseHeartbeat, maxReceiveCount,
                workerMemoryMb, value, workDataExpirationDays);
    }

    public DeploymentSettings withWorkDataExpirationDays(int value) {
        return new DeploymentSettings(workerMaxConcurrency, workerBatchSize, baseHeartbeat, maxReceiveCount,
                workerMemoryMb, workerTimeout, value);
    }
}
