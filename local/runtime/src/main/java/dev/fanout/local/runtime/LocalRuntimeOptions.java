package dev.fanout.local.runtime;

import dev.fanout.core.job.JobRegistry;
import dev.fanout.deployment.Deployment;
import dev.fanout.deployment.DeploymentSettings;
import dev.fanout.deployment.EventSourceMappingSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of a {@link LocalRuntime}: the deployment's own settings — the same {@link DeploymentSettings} the CDK
 * app reads from its context, with the stack's defaults — and what only a local runtime has (ports, the data folder,
 * poll intervals, extra environment). Everything the stack derives from the settings (function memory and timeouts,
 * visibility timeout, redrive, batch size, HeartbeatSeconds, the Map's cap, the environment) comes from the
 * contract ({@link Deployment}), as on AWS.
 *
 * <p>One setting has a local default: the worker concurrency (the event source mapping's MaximumConcurrency) is the
 * number of processors, at least 2, instead of the stack's 100. Locally every concurrent batch is a thread of this
 * one JVM, sharing its cores and heap: 100 chunks at once on a laptop would be slower and need far more memory than
 * a few, and nothing in the pipeline depends on the number.
 *
 * <pre>{@code
 * LocalRuntimeOptions options = LocalRuntimeOptions.builder()
 *         .dataDir(Path.of(".fanout"))          // null (the default) = in-memory S3
 *         .settings(DeploymentSettings.defaults().withWorkerBatchSize(5))
 *         .workerConcurrency(4)
 *         .build();
 * }</pre>
 *
 * @param dataDir            folder of the filesystem-backed S3 ({@code <dataDir>/s3}); null for in-memory
 * @param s3Port             0 = a free port (likewise the other ports)
 * @param apiPort            port of the jobs API
 * @param settings           the deployment's settings, as {@code cdk deploy -c ...} would give them
 * @param workerConcurrency  worker batches in flight locally (replaces {@code settings.workerMaxConcurrency()})
 * @param uploadPollInterval how often the input bucket's {@code incoming/} prefix is scanned
 * @param queuePollWait      long-poll wait of the event source mapping's ReceiveMessage (Lambda waits 20 s; shorter
 *                           here so that close() returns quickly)
 * @param extraEnvironment   added to (and overriding) every function's environment, e.g. DEFAULT_CHUNK_SIZE_BYTES
 * @param uploadTrigger      whether uploads to the input bucket's {@code incoming/} prefix start jobs (the S3 trigger
 *                           and its scanner); {@code fanout run}, which submits its one job itself, leaves it off
 * @param jobs               the job types the functions know; null (the default) = what the runtime's class loader
 *                           finds, as on Lambda ({@link dev.fanout.core.job.JobRegistry#load(ClassLoader)}); job
 *                           types from jars come from {@link JobJars#registry()}
 */
public record LocalRuntimeOptions(Path dataDir, int s3Port, int sqsPort, int stepFunctionsPort, int apiPort,
                                  DeploymentSettings settings, int workerConcurrency, Duration uploadPollInterval,
                                  Duration queuePollWait, String region, String accountId,
                                  Map<String, String> extraEnvironment, boolean uploadTrigger,
                                  JobRegistry jobs) {
    public LocalRuntimeOptions {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(uploadPollInterval, "uploadPollInterval");
        Objects.requireNonNull(queuePollWait, "queuePollWait");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        extraEnvironment = extraEnvironment == null ? Map.of() : Map.copyOf(extraEnvironment);
        for (int port : new int[] {s3Port, sqsPort, stepFunctionsPort, apiPort}) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }
        // the contract's bounds for MaximumConcurrency, with its message
        settings.withWorkerMaxConcurrency(workerConcurrency);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What this runtime deploys: the contract applied to the settings, with the local worker concurrency. */
    public Deployment deployment() {
        return Deployment.of(settings.withWorkerMaxConcurrency(workerConcurrency));
    }

    /** Builder with the stack's settings and the local defaults described on {@link LocalRuntimeOptions}. */
    public static final class Builder {
        private Path dataDir;
        private int s3Port;
        private int sqsPort;
        private int stepFunctionsPort;
        private int apiPort;
        private DeploymentSettings settings = DeploymentSettings.defaults();
        private int workerConcurrency = Math.max(EventSourceMappingSpec.MIN_MAXIMUM_CONCURRENCY,
                Runtime.getRuntime().availableProcessors());
        private Duration uploadPollInterval = Duration.ofMillis(200);
        private boolean uploadTrigger = true;
        private Duration queuePollWait = Duration.ofSeconds(1);
        private String region = "us-east-1";
        private String accountId = "000000000000";
        private Map<String, String> extraEnvironment = Map.of();
        private JobRegistry jobs;

        public Builder dataDir(Path v) { dataDir = v; return this; }
        public Builder s3Port(int v) { s3Port = v; return this; }
        public Builder sqsPort(int v) { sqsPort = v; return this; }
        public Builder stepFunctionsPort(int v) { stepFunctionsPort = v; return this; }
        public Builder apiPort(int v) { apiPort = v; return this; }
        public Builder settings(DeploymentSettings v) { settings = v; return this; }
        public Builder workerConcurrency(int v) { workerConcurrency = v; return this; }
        public Builder uploadPollInterval(Duration v) { uploadPollInterval = v; return this; }
        public Builder queuePollWait(Duration v) { queuePollWait = v; return this; }
        public Builder region(String v) { region = v; return this; }
        public Builder accountId(String v) { accountId = v; return this; }
        public Builder extraEnvironment(Map<String, String> v) { extraEnvironment = v; return this; }
        public Builder uploadTrigger(boolean v) { uploadTrigger = v; return this; }
        public Builder jobs(JobRegistry v) { jobs = v; return this; }

        public LocalRuntimeOptions build() {
            return new LocalRuntimeOptions(dataDir, s3Port, sqsPort, stepFunctionsPort, apiPort, settings,
                    workerConcurrency, uploadPollInterval, queuePollWait, region, accountId, extraEnvironment,
                    uploadTrigger, jobs);
        }
    }
}
