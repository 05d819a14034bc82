package dev.fanout.local.runtime;

import dev.fanout.core.job.JobRegistry;
import dev.fanout.deployment.Deployment;
import dev.fanout.deployment.DeploymentSettings;
import dev.fanout.local.runtime.chaos.ChaosSpec;
import dev.fanout.local.runtime.esm.EventSourceMappingSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of a {@link LocalRuntime}: the deployment's own settings — the same {@link DeploymentSettings} the CDK
 * app reads from its context, with the stack's defaults — and what only a local runtime has (ports, the data folder,
 * poll intervals, the time scale, extra environment). Everything the stack derives from the settings (function memory
 * and timeouts, visibility timeout, redrive, batch size, MaximumConcurrency and its ramp-up, HeartbeatSeconds, the
 * Map's cap, the environment) comes from the contract ({@link Deployment}), as on AWS — with every duration multiplied
 * by {@code timeScale}, so the ratios between them hold.
 *
 * <pre>{@code
 * LocalRuntimeOptions options = LocalRuntimeOptions.builder()
 *         .dataDir(Path.of(".fanout"))          // null (the default) = in-memory S3
 *         .settings(DeploymentSettings.defaults().withWorkerBatchSize(5))
 *         .timeScale(0.05)                      // worker timeout 15 s, HeartbeatSeconds 139 s → 6.95 s, ...
 *         .chaos("seed=7,throw=0.2")            // seeded faults at the real boundaries
 *         .build();
 * }</pre>
 *
 * @param dataDir            folder of the filesystem-backed S3 ({@code <dataDir>/s3}); null for in-memory
 * @param s3Port             0 = a free port (likewise the other ports)
 * @param apiPort            port of the jobs API
 * @param settings           the deployment's settings, as {@code cdk deploy -c ...} would give them
 * @param timeScale          every duration of the stack is multiplied by it (in [0.01, 1]; 1 is AWS's own timing)
 * @param uploadPollInterval how often the input bucket's {@code incoming/} prefix is scanned
 * @param queuePollWait      long-poll wait of the event source mapping's ReceiveMessage: 20 s, as Lambda's pollers
 *                           wait; a poller with nothing to receive then asks ElasticMQ once in 20 s, not every
 *                           second, and close() does not wait for a long poll
 * @param extraEnvironment   added to (and overriding) every function's environment, e.g. DEFAULT_CHUNK_SIZE_BYTES
 * @param chaos              the faults chaos mode injects ({@link ChaosSpec#NONE}: none)
 * @param uploadTrigger      whether uploads to the input bucket's {@code incoming/} prefix start jobs (the S3 trigger
 *                           and its scanner); {@code fanout run}, which submits its one job itself, leaves it off
 * @param jobs               the job types the functions know; null (the default) = what the runtime's class loader
 *                           finds, as on Lambda ({@link dev.fanout.core.job.JobRegistry#load(ClassLoader)}); job
 *                           types from jars come from {@link JobJars#registry()}
 */
public record LocalRuntimeOptions(Path dataDir, int s3Port, int sqsPort, int stepFunctionsPort, int apiPort,
                                  DeploymentSettings settings, double timeScale, Duration uploadPollInterval,
                                  Duration queuePollWait, String region, String accountId,
                                  Map<String, String> extraEnvironment, ChaosSpec chaos, boolean uploadTrigger,
                                  JobRegistry jobs) {
    /**
     * The time scale of {@code fanout run} and {@code fanout serve} unless told otherwise: a tenth of AWS's timing
     * (worker timeout 30 s, HeartbeatSeconds 13.9 s), quick and still far above the runtime's own latencies.
     */
    public static final double DEFAULT_TIME_SCALE = 0.1;
    public LocalRuntimeOptions {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(uploadPollInterval, "uploadPollInterval");
        Objects.requireNonNull(queuePollWait, "queuePollWait");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        extraEnvironment = extraEnvironment == null ? Map.of() : Map.copyOf(extraEnvironment);
        chaos = chaos == null ? ChaosSpec.NONE : chaos;
        for (int port : new int[] {s3Port, sqsPort, stepFunctionsPort, apiPort}) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }
        // the contract's bounds for the time scale, with its message
        Deployment.scaled(settings, timeScale);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What this runtime deploys: the contract applied to the settings, every duration times the time scale. */
    public Deployment deployment() {
        return Deployment.scaled(settings, timeScale);
    }

    /** Builder with the stack's settings and the local defaults described on {@link LocalRuntimeOptions}. */
    public static final class Builder {
        private Path dataDir;
        private int s3Port;
        private int sqsPort;
        private int stepFunctionsPort;
        private int apiPort;
        private DeploymentSettings settings = DeploymentSettings.defaults();
        private double timeScale = DEFAULT_TIME_SCALE;
        private Duration uploadPollInterval = Duration.ofMillis(200);
        private boolean uploadTrigger = true;
        private Duration queuePollWait = EventSourceMappingSettings.LAMBDA_POLL_WAIT;
        private String region = "us-east-1";
        private String accountId = "000000000000";
        private Map<String, String> extraEnvironment = Map.of();
        private ChaosSpec chaos = ChaosSpec.NONE;
        private JobRegistry jobs;

        public Builder dataDir(Path v) { dataDir = v; return this; }
        public Builder s3Port(int v) { s3Port = v; return this; }
        public Builder sqsPort(int v) { sqsPort = v; return this; }
        public Builder stepFunctionsPort(int v) { stepFunctionsPort = v; return this; }
        public Builder apiPort(int v) { apiPort = v; return this; }
        public Builder settings(DeploymentSettings v) { settings = v; return this; }
        public Builder timeScale(double v) { timeScale = v; return this; }
        public Builder uploadPollInterval(Duration v) { uploadPollInterval = v; return this; }
        public Builder queuePollWait(Duration v) { queuePollWait = v; return this; }
        public Builder region(String v) { region = v; return this; }
        public Builder accountId(String v) { accountId = v; return this; }
        public Builder extraEnvironment(Map<String, String> v) { extraEnvironment = v; return this; }
        public Builder chaos(ChaosSpec v) { chaos = v; return this; }
        /** The faults of a spec like {@code seed=7,throw=0.2} ({@link ChaosSpec#parse}). */
        public Builder chaos(String spec) { chaos = ChaosSpec.parse(spec); return this; }
        public Builder uploadTrigger(boolean v) { uploadTrigger = v; return this; }
        public Builder jobs(JobRegistry v) { jobs = v; return this; }

        public LocalRuntimeOptions build() {
            return new LocalRuntimeOptions(dataDir, s3Port, sqsPort, stepFunctionsPort, apiPort, settings,
                    timeScale, uploadPollInterval, queuePollWait, region, accountId, extraEnvironment, chaos,
                    uploadTrigger, jobs);
        }
    }
}
