package dev.fanout.core.pipeline;

import dev.fanout.core.config.EnvVar;
import dev.fanout.core.cost.FunctionMemory;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Deployment settings, read from the environment map ({@link EnvVar} names) with defaults for the numbers.
 * The three bucket names are required.
 *
 * <p>Every deployment sets the deployment-derived numbers (concurrency cap, heartbeat, receive count, memory
 * sizes) from one place, {@code dev.fanout.deployment.Deployment#environment}; the defaults below are what the
 * default deployment sets, and a test in {@code fanout-deployment} keeps them equal (this module cannot depend on
 * that one).
 *
 * <pre>{@code
 * PipelineSettings settings = PipelineSettings.fromEnv(System.getenv());
 * }</pre>
 *
 * @param maxConcurrency         cap of the Map's MaxConcurrency (ESM MaximumConcurrency × batch size)
 * @param heartbeatSeconds       HeartbeatSeconds of the wait-for-task-token state; workers beat every third of it
 * @param maxReceiveCount        the work queue's redrive maxReceiveCount
 * @param reducerReadConcurrency partials the reducer reads at once
 * @param memory                 the functions' memory sizes, for the cost estimate
 * @param workerTiming           the worker's heartbeat period and retry backoff
 * @param reducerMaxPartials     most partials one reducer invocation merges; a job of more chunks gets a combine
 *                               level ({@link dev.fanout.core.model.CombinePlan})
 */
public record PipelineSettings(String inputBucket, String workBucket, String resultsBucket, int maxConcurrency,
                               int heartbeatSeconds, long defaultChunkSizeBytes, int defaultChunkSizeItems,
                               int maxReceiveCount, int reducerReadConcurrency, FunctionMemory memory,
                               Limits limits, WorkerTiming workerTiming, int reducerMaxPartials) {

    /** The default deployment's Map cap: 100 workers × 1 chunk. */
    public static final int DEFAULT_MAX_CONCURRENCY = 100;
    /** The default deployment's HeartbeatSeconds: 120 s base + 19 s for the event source mapping to reach 100. */
    public static final int DEFAULT_HEARTBEAT_SECONDS = 139;
    public static final long DEFAULT_CHUNK_SIZE_BYTES = 64L << 20;
    public static final int DEFAULT_CHUNK_SIZE_ITEMS = 10_000;
    public static final int DEFAULT_MAX_RECEIVE_COUNT = 3;
    public static final int DEFAULT_REDUCER_READ_CONCURRENCY = 32;
    public static final int DEFAULT_SPLITTER_MEMORY_MB = 1024;
    public static final int DEFAULT_WORKER_MEMORY_MB = 2048;
    public static final int DEFAULT_REDUCER_MEMORY_MB = 2048;
    /** The default deployment's {@code REDUCER_MAX_PARTIALS} (see {@code Deployment#reducerMaxPartials}). */
    public static final int DEFAULT_REDUCER_MAX_PARTIALS = 6_000;
    /** The default deployment's worker heartbeat period: a third of its HeartbeatSeconds. */
    public static final long DEFAULT_HEARTBEAT_INTERVAL_MILLIS = DEFAULT_HEARTBEAT_SECONDS * 1000L / 3;

    public PipelineSettings {
        requireName(inputBucket, EnvVar.INPUT_BUCKET);
        requireName(workBucket, EnvVar.WORK_BUCKET);
        requireName(resultsBucket, EnvVar.RESULTS_BUCKET);
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(workerTiming, "workerTiming");
        requirePositive(maxConcurrency, EnvVar.MAX_CONCURRENCY);
        requirePositive(heartbeatSeconds, EnvVar.HEARTBEAT_SECONDS);
        requirePositive(maxReceiveCount, EnvVar.MAX_RECEIVE_COUNT);
        requirePositive(reducerReadConcurrency, EnvVar.REDUCER_READ_CONCURRENCY);
        requirePositive(reducerMaxPartials, EnvVar.REDUCER_MAX_PARTIALS);
        requirePositive(defaultChunkSizeItems, EnvVar.DEFAULT_CHUNK_SIZE_ITEMS);
        if (defaultChunkSizeBytes < limits.minChunkSizeBytes() || defaultChunkSizeBytes > limits.maxChunkSizeBytes()) {
            throw new IllegalArgumentException(EnvVar.DEFAULT_CHUNK_SIZE_BYTES + " must be within ["
                    + limits.minChunkSizeBytes() + ", " + limits.maxChunkSizeBytes() + "]");
        }
        if (defaultChunkSizeItems > limits.maxChunkSizeItems()) {
            throw new IllegalArgumentException(EnvVar.DEFAULT_CHUNK_SIZE_ITEMS + " must be at most "
                    + limits.maxChunkSizeItems());
        }
    }

    /**
     * With the worker timing that follows from {@code heartbeatSeconds} and the default backoff, and the default
     * deployment's {@code reducerMaxPartials}.
     */
    public PipelineSettings(String inputBucket, String workBucket, String resultsBucket, int maxConcurrency,
                            int heartbeatSeconds, long defaultChunkSizeBytes, int defaultChunkSizeItems,
                            int maxReceiveCount, int reducerReadConcurrency, FunctionMemory memory, Limits limits) {
        this(inputBucket, workBucket, resultsBucket, maxConcurrency, heartbeatSeconds, defaultChunkSizeBytes,
                defaultChunkSizeItems, maxReceiveCount, reducerReadConcurrency, memory, limits,
                WorkerTiming.forHeartbeat(heartbeatSeconds), DEFAULT_REDUCER_MAX_PARTIALS);
    }

    /** Settings from an environment map; numbers missing from it take the DEFAULT_* constants. */
    public static PipelineSettings fromEnv(Map<String, String> env) {
        int heartbeatSeconds = intOf(env, EnvVar.HEARTBEAT_SECONDS, DEFAULT_HEARTBEAT_SECONDS);
        WorkerTiming defaults = WorkerTiming.forHeartbeat(heartbeatSeconds);
        return new PipelineSettings(
                env.get(EnvVar.INPUT_BUCKET.name()),
                env.get(EnvVar.WORK_BUCKET.name()),
                env.get(EnvVar.RESULTS_BUCKET.name()),
                intOf(env, EnvVar.MAX_CONCURRENCY, DEFAULT_MAX_CONCURRENCY),
                heartbeatSeconds,
                longOf(env, EnvVar.DEFAULT_CHUNK_SIZE_BYTES, DEFAULT_CHUNK_SIZE_BYTES),
                intOf(env, EnvVar.DEFAULT_CHUNK_SIZE_ITEMS, DEFAULT_CHUNK_SIZE_ITEMS),
                intOf(env, EnvVar.MAX_RECEIVE_COUNT, DEFAULT_MAX_RECEIVE_COUNT),
                intOf(env, EnvVar.REDUCER_READ_CONCURRENCY, DEFAULT_REDUCER_READ_CONCURRENCY),
                new FunctionMemory(
                        intOf(env, EnvVar.SPLITTER_MEMORY_MB, DEFAULT_SPLITTER_MEMORY_MB),
                        intOf(env, EnvVar.WORKER_MEMORY_MB, DEFAULT_WORKER_MEMORY_MB),
                        intOf(env, EnvVar.REDUCER_MEMORY_MB, DEFAULT_REDUCER_MEMORY_MB)),
                Limits.defaults(),
                new WorkerTiming(
                        millisOf(env, EnvVar.HEARTBEAT_INTERVAL_MILLIS, defaults.heartbeatInterval()),
                        millisOf(env, EnvVar.RETRY_BACKOFF_BASE_MILLIS, defaults.retryBackoffBase()),
                        millisOf(env, EnvVar.RETRY_BACKOFF_CAP_MILLIS, defaults.retryBackoffCap())),
                intOf(env, EnvVar.REDUCER_MAX_PARTIALS, DEFAULT_REDUCER_MAX_PARTIALS));
    }

    /** A copy with other limits (tests, local runtime). */
    public PipelineSettings withLimits(Limits newLimits) {
        return new PipelineSettings(inputBucket, workBucket, resultsBucket, maxConcurrency, heartbeatSeconds,
                defaultChunkSizeBytes, defaultChunkSizeItems, maxReceiveCount, reducerReadConcurrency,
                memory, newLimits, workerTiming, reducerMaxPartials);
    }

    /** A copy with another {@code reducerMaxPartials} (tests, benchmarks). */
    public PipelineSettings withReducerMaxPartials(int value) {
        return new PipelineSettings(inputBucket, workBucket, resultsBucket, maxConcurrency, heartbeatSeconds,
                defaultChunkSizeBytes, defaultChunkSizeItems, maxReceiveCount, reducerReadConcurrency,
                memory, limits, workerTiming, value);
    }

    /** A copy with another worker timing (tests). */
    public PipelineSettings withWorkerTiming(WorkerTiming timing) {
        return new PipelineSettings(inputBucket, workBucket, resultsBucket, maxConcurrency, heartbeatSeconds,
                defaultChunkSizeBytes, defaultChunkSizeItems, maxReceiveCount, reducerReadConcurrency,
                memory, limits, timing, reducerMaxPartials);
    }

    private static void requireName(String value, EnvVar name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    private static void requirePositive(long value, EnvVar name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static Duration millisOf(Map<String, String> env, EnvVar name, Duration fallback) {
        long millis = longOf(env, name, fallback.toMillis());
        requirePositive(millis, name);
        return Duration.ofMillis(millis);
    }

    private static int intOf(Map<String, String> env, EnvVar name, int fallback) {
        return (int) longOf(env, name, fallback);
    }

    private static long longOf(Map<String, String> env, EnvVar name, long fallback) {
        String raw = env.get(name.name());
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + raw + "'");
        }
    }
}
