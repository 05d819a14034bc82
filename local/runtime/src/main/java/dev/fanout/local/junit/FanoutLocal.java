package dev.fanout.local.junit;

import dev.fanout.core.job.Job;
import dev.fanout.core.job.JobRegistry;
import dev.fanout.deployment.DeploymentSettings;
import dev.fanout.local.runtime.LocalRuntime;
import dev.fanout.local.runtime.LocalRuntimeOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that runs the whole fanout pipeline locally — the real handlers, the real state machine on
 * embedded S3 and SQS — for a test class: started once before the class's first test, closed after its last. Job
 * types are found as on Lambda, with {@link java.util.ServiceLoader}: a job type of the test's class path (its
 * {@code META-INF/services/dev.fanout.core.job.Job}) runs beside the built-in ones.
 *
 * <pre>{@code
 * class LineCountJobIT {
 *     @RegisterExtension
 *     static FanoutLocal fanout = FanoutLocal.create().jobs(LineCountJob.class);
 *
 *     @Test
 *     void countsTheLinesOfEveryChunk() {
 *         JobResult run = fanout.job("linecount").chunkSizeBytes(4096).run(text);
 *         assertThat(run.result()).isEqualTo("{\"lines\":5000}");
 *     }
 * }
 * }</pre>
 *
 * Register it on a {@code static} field (a per-class pipeline); {@link #run(String, String)} and
 * {@link #run(String, Path)} are the short forms of {@link #job(String)}.
 */
public final class FanoutLocal implements BeforeAllCallback, AfterAllCallback {

    private final List<Class<?>> expectedJobs = new ArrayList<>();
    private DeploymentSettings settings = DeploymentSettings.defaults();
    private Integer workerConcurrency;
    private double timeScale = LocalRuntimeOptions.DEFAULT_TIME_SCALE;
    private Duration timeout = Duration.ofMinutes(5);
    private LocalRuntime runtime;
    private LocalJobs jobs;

    private FanoutLocal() {
    }

    public static FanoutLocal create() {
        return new FanoutLocal();
    }

    /**
     * The job types the tests run. Each must be registered on the class path (its service file); the pipeline fails to
     * start, naming the class and the file, if one is not, rather than each test failing with "unknown job type".
     */
    @SafeVarargs
    public final FanoutLocal jobs(Class<? extends Job<?>>... jobTypes) {
        expectedJobs.addAll(List.of(jobTypes));
        return this;
    }

    /** The deployment's settings (default: the stack's), as {@code cdk deploy} would give them. */
    public FanoutLocal settings(DeploymentSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /**
     * Worker batches in flight at most: the event source mapping's {@code MaximumConcurrency} (default: the
     * settings', the stack's 100).
     */
    public FanoutLocal workerConcurrency(int workers) {
        this.workerConcurrency = workers;
        return this;
    }

    /**
     * Every duration of the stack times {@code scale} (default {@link LocalRuntimeOptions#DEFAULT_TIME_SCALE}; 1 is
     * AWS's own timing).
     */
    public FanoutLocal timeScale(double scale) {
        this.timeScale = scale;
        return this;
    }

    /** How long {@link JobBuilder#run} waits for a job to end (default 5 minutes). */
    public FanoutLocal timeout(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (runtime != null) {
            return; // a nested class's callbacks: the outer class's pipeline goes on
        }
        requireRegistered();
        DeploymentSettings deployed = workerConcurrency == null ? settings
                : settings.withWorkerMaxConcurrency(workerConcurrency);
        runtime = LocalRuntime.start(LocalRuntimeOptions.builder().settings(deployed).timeScale(timeScale).build());
        jobs = new LocalJobs(runtime, timeout);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (runtime != null && context.getParent().flatMap(ExtensionContext::getTestClass).isEmpty()) {
            runtime.close();
            runtime = null;
            jobs = null;
        }
    }

    private void requireRegistered() {
        JobRegistry registry = JobRegistry.load();
        for (Class<?> type : expectedJobs) {
            boolean found = registry.names().stream().anyMatch(n -> registry.require(n).getClass() == type);
            if (!found) {
                throw new IllegalStateException("job type " + type.getName() + " is not registered: list it in "
                        + "META-INF/services/" + Job.class.getName() + " (src/main/resources); registered: "
                        + registry.names());
            }
        }
    }

    /** The running pipeline (its S3, SQS and Step Functions endpoints and clients), between the class's callbacks. */
    public LocalRuntime runtime() {
        if (runtime == null) {
            throw new IllegalStateException("the local pipeline runs only while the test class runs: register "
                    + "FanoutLocal with @RegisterExtension on a static field");
        }
        return runtime;
    }

    /** A job of {@code jobType} to configure and run. */
    public JobBuilder job(String jobType) {
        return new JobBuilder(jobType);
    }

    /** Runs {@code jobType} on the file {@code input}; returns its result (JSON for the job types that write JSON). */
    public String run(String jobType, Path input) {
        return job(jobType).run(input).result();
    }

    /** Runs {@code jobType} on {@code text} (UTF-8) as one input object; returns its result. */
    public String run(String jobType, String text) {
        return job(jobType).run(text).result();
    }

    /** A job request: its type, chunk size and options. */
    public final class JobBuilder {
        private final String jobType;
        private Long chunkSizeBytes;
        private Integer chunkSizeItems;
        private final Map<String, String> options = new LinkedHashMap<>();

        private JobBuilder(String jobType) {
            this.jobType = Objects.requireNonNull(jobType, "jobType");
        }

        /** Bytes per chunk of a text input (the request's {@code chunkSizeBytes}; at least 1,024). */
        public JobBuilder chunkSizeBytes(long bytes) {
            this.chunkSizeBytes = bytes;
            return this;
        }

        /** Elements per chunk of a JSON array input (the request's {@code chunkSizeItems}). */
        public JobBuilder chunkSizeItems(int items) {
            this.chunkSizeItems = items;
            return this;
        }

        /** One of the request's {@code options}. */
        public JobBuilder option(String name, String value) {
            options.put(name, value);
            return this;
        }

        /** Runs the job on the file {@code input} and waits for it to end. */
        public JobResult run(Path input) {
            return jobs().run(request(), LocalJobs.Input.file(input));
        }

        /** Runs the job on {@code text} (UTF-8) and waits for it to end. */
        public JobResult run(String text) {
            return jobs().run(request(), LocalJobs.Input.text(text));
        }

        private LocalJobs.Request request() {
            return new LocalJobs.Request(jobType, chunkSizeBytes, chunkSizeItems, options);
        }
    }

    private LocalJobs jobs() {
        runtime();
        return jobs;
    }
}
