package dev.fanout.lambda.internal;

import dev.fanout.deployment.Deployment;
import java.util.Objects;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The pipeline's CloudWatch metrics in namespace {@value #NAMESPACE}, written as EMF log lines by Powertools.
 * Handlers record during an invocation and {@link #flush()} at its end. Safe to call from several threads.
 */
public final class PipelineMetrics {
    public static final String NAMESPACE = Deployment.METRICS_NAMESPACE;
    public static final String CHUNKS_PROCESSED = "ChunksProcessed";
    public static final String CHUNKS_FAILED = "ChunksFailed";
    public static final String CHUNK_DURATION_MS = "ChunkDurationMs";
    public static final String RECORDS_PROCESSED = "RecordsProcessed";
    public static final String JOBS_STARTED = "JobsStarted";

    private final Metrics metrics;
    private int pending;

    /** Over a given Powertools instance (tests); {@link #create()} for the real one. */
    public PipelineMetrics(Metrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Powertools' metrics instance, configured for fanout. */
    public static PipelineMetrics create() {
        preferStdoutOutsideLambda();
        Metrics metrics = MetricsFactory.getMetricsInstance();
        metrics.setNamespace(NAMESPACE);
        metrics.setRaiseOnEmptyMetrics(false);
        return new PipelineMetrics(metrics);
    }

    public synchronized void jobStarted() {
        add(JOBS_STARTED, 1, MetricUnit.COUNT);
    }

    public synchronized void chunkProcessed(long records, long durationMillis) {
        add(CHUNKS_PROCESSED, 1, MetricUnit.COUNT);
        add(RECORDS_PROCESSED, records, MetricUnit.COUNT);
        add(CHUNK_DURATION_MS, durationMillis, MetricUnit.MILLISECONDS);
    }

    public synchronized void chunkFailed() {
        add(CHUNKS_FAILED, 1, MetricUnit.COUNT);
    }

    /** Writes what was recorded since the last flush (nothing if nothing was). */
    public synchronized void flush() {
        if (pending > 0) {
            pending = 0;
            metrics.flush();
        }
    }

    private void add(String name, double value, MetricUnit unit) {
        metrics.addMetric(name, value, unit);
        pending++;
    }

    /**
     * Outside Lambda (local runtime, tests) the EMF library would look for a CloudWatch agent on
     * 127.0.0.1:25888 and keep the JVM alive; print to stdout instead unless told otherwise.
     */
    private static void preferStdoutOutsideLambda() {
        if (System.getenv("AWS_LAMBDA_FUNCTION_NAME") == null && System.getenv("AWS_EMF_ENVIRONMENT") == null) {
            EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Local);
        }
    }
}
