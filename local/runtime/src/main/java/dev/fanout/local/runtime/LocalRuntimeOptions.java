package dev.fanout.local.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of a {@link LocalRuntime}. Defaults mirror the CDK stack's (batch size 1, maxReceiveCount 3, heartbeat
 * 120 s, function memory and timeouts) except where a laptop wants quick feedback: the worker timeout is 30 s
 * instead of 300 s and the visibility timeout 30 s instead of 6 × 300 s, so a failing message is redelivered (and
 * reaches the dead-letter queue) within a minute or two; and the worker concurrency is the number of processors.
 *
 * <pre>{@code
 * LocalRuntimeOptions options = LocalRuntimeOptions.builder()
 *         .dataDir(Path.of(".fanout"))          // null (the default) = in-memory S3
 *         .workerConcurrency(4)
 *         .build();
 * }</pre>
 *
 * @param dataDir            folder of the filesystem-backed S3 ({@code <dataDir>/s3}); null for in-memory
 * @param s3Port             0 = a free port (likewise the other ports)
 * @param apiPort            port of the jobs API
 * @param visibilityTimeout  the work queue's visibility timeout; must not be below the worker timeout (Lambda
 *                           refuses such an event source mapping)
 * @param maxReceiveCount    the work queue's redrive maxReceiveCount
 * @param workerBatchSize    messages per worker invocation (1..10)
 * @param workerConcurrency  batches in flight (the ESM's MaximumConcurrency)
 * @param workerTimeout      timeouts of the functions
 * @param heartbeatSeconds   HeartbeatSeconds of the wait-for-task-token state
 * @param uploadPollInterval how often the input bucket's {@code incoming/} prefix is scanned
 * @param extraEnvironment   added to (and overriding) the functions' environment, e.g. DEFAULT_CHUNK_SIZE_BYTES
 */
public record LocalRuntimeOptions(Path dataDir, int s3Port, int sqsPort, int stepFunctionsPort, int apiPort,
                                  Duration visibilityTimeout, int maxReceiveCount, int workerBatchSize,
                                  int workerConcurrency, Duration splitterTimeout, Duration workerTimeout,
                                  Duration reducerTimeout, Duration apiTimeout, Duration triggerTimeout,
                                  int workerMemoryMb, int heartbeatSeconds, Duration uploadPollInterval,
                                  String region, String accountId, Map<String, String> extraEnvironment) {
    public LocalRuntimeOptions {
        Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
        Objects.requireNonNull(splitterTimeout, "splitterTimeout");
        Objects.requireNonNull(workerTimeout, "workerTimeout");
        Objects.requireNonNull(reducerTimeout, "reducerTimeout");
        Objects.requireNonNull(apiTimeout, "apiTimeout");
        Objects.requireNonNull(triggerTimeout, "triggerTimeout");
        Objects.requireNonNull(uploadPollInterval, "uploadPollInterval");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        extraEnvironment = extraEnvironment == null ? Map.of() : Map.copyOf(extraEnvironment);
        for (int port : new int[] {s3Port, sqsPort, stepFunctionsPort, apiPort}) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }
        if (visibilityTimeout.compareTo(workerTimeout) < 0) {
            throw new IllegalArgumentException("the queue's visibility timeout (" + visibilityTimeout
                    + ") is less than the worker function's timeout (" + workerTimeout + ")");
        }
        if (maxReceiveCount < 1 || maxReceiveCount > 1000) {
            throw new IllegalArgumentException("maxReceiveCount must be within 1..1000: " + maxReceiveCount);
        }
        if (workerConcurrency < 1) {
            throw new IllegalArgumentException("workerConcurrency must be at least 1: " + workerConcurrency);
        }
        if (heartbeatSeconds < 1) {
            throw new IllegalArgumentException("heartbeatSeconds must be at least 1: " + heartbeatSeconds);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The Map's MaxConcurrency cap, derived as the CDK does: ESM MaximumConcurrency × batch size. */
    public int maxConcurrency() {
        return workerConcurrency * workerBatchSize;
    }

    /** Builder with the defaults described on {@link LocalRuntimeOptions}. */
    public static final class Builder {
        private Path dataDir;
        private int s3Port;
        private int sqsPort;
        private int stepFunctionsPort;
        private int apiPort;
        private Duration visibilityTimeout = Duration.ofSeconds(30);
        private int maxReceiveCount = 3;
        private int workerBatchSize = 1;
        private int workerConcurrency = Math.max(2, Runtime.getRuntime().availableProcessors());
        private Duration splitterTimeout = Duration.ofMinutes(5);
        private Duration workerTimeout = Duration.ofSeconds(30);
        private Duration reducerTimeout = Duration.ofMinutes(15);
        private Duration apiTimeout = Duration.ofSeconds(29);
        private Duration triggerTimeout = Duration.ofSeconds(60);
        private int workerMemoryMb = 2048;
        private int heartbeatSeconds = 120;
        private Duration uploadPollInterval = Duration.ofMillis(200);
        private String region = "us-east-1";
        private String accountId = "000000000000";
        private Map<String, String> extraEnvironment = Map.of();

        public Builder dataDir(Path v) { dataDir = v; return this; }
        public Builder s3Port(int v) { s3Port = v; return this; }
        public Builder sqsPort(int v) { sqsPort = v; return this; }
        public Builder stepFunctionsPort(int v) { stepFunctionsPort = v; return this; }
        public Builder apiPort(int v) { apiPort = v; return this; }
        public Builder visibilityTimeout(Duration v) { visibilityTimeout = v; return this; }
        public Builder maxReceiveCount(int v) { maxReceiveCount = v; return this; }
        public Builder workerBatchSize(int v) { workerBatchSize = v; return this; }
        public Builder workerConcurrency(int v) { workerConcurrency = v; return this; }
        public Builder splitterTimeout(Duration v) { splitterTimeout = v; return this; }
        public Builder workerTimeout(Duration v) { workerTimeout = v; return this; }
        public Builder reducerTimeout(Duration v) { reducerTimeout = v; return this; }
        public Builder apiTimeout(Duration v) { apiTimeout = v; return this; }
        public Builder triggerTimeout(Duration v) { triggerTimeout = v; return this; }
        public Builder workerMemoryMb(int v) { workerMemoryMb = v; return this; }
        public Builder heartbeatSeconds(int v) { heartbeatSeconds = v; return this; }
        public Builder uploadPollInterval(Duration v) { uploadPollInterval = v; return this; }
        public Builder region(String v) { region = v; return this; }
        public Builder accountId(String v) { accountId = v; return this; }
        public Builder extraEnvironment(Map<String, String> v) { extraEnvironment = v; return this; }

        public LocalRuntimeOptions build() {
            return new LocalRuntimeOptions(dataDir, s3Port, sqsPort, stepFunctionsPort, apiPort, visibilityTimeout,
                    maxReceiveCount, workerBatchSize, workerConcurrency, splitterTimeout, workerTimeout,
                    reducerTimeout, apiTimeout, triggerTimeout, workerMemoryMb, heartbeatSeconds, uploadPollInterval,
                    region, accountId, extraEnvironment);
        }
    }
}
