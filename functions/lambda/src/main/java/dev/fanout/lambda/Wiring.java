package dev.fanout.lambda;

import dev.fanout.core.config.EnvVar;
import dev.fanout.core.job.JobRegistry;
import dev.fanout.core.pipeline.JobSubmission;
import dev.fanout.core.pipeline.PipelineSettings;
import dev.fanout.core.pipeline.Reducer;
import dev.fanout.core.pipeline.Splitter;
import dev.fanout.core.pipeline.Worker;
import dev.fanout.core.port.BlobStore;
import dev.fanout.core.port.Executions;
import dev.fanout.core.port.TaskCallbacks;
import dev.fanout.core.port.WorkQueue;
import dev.fanout.lambda.aws.AwsClients;
import dev.fanout.lambda.aws.S3BlobStore;
import dev.fanout.lambda.aws.SfnExecutions;
import dev.fanout.lambda.aws.SfnTaskCallbacks;
import dev.fanout.lambda.aws.SqsWorkQueue;
import dev.fanout.lambda.internal.Once;
import dev.fanout.lambda.internal.PipelineMetrics;
import dev.fanout.lambda.internal.Priming;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The composition root of the functions: settings from an environment map, the SDK clients (built once per
 * container), the AWS adapters of the core's ports and the core's services. Each handler's no-arg constructor
 * uses {@link #fromEnvironment()}; the local runtime and tests pass their own map.
 *
 * <pre>{@code
 * Wiring wiring = Wiring.from(Map.of(
 *         "INPUT_BUCKET", "in", "WORK_BUCKET", "work", "RESULTS_BUCKET", "results",
 *         "STATE_MACHINE_ARN", "arn:aws:states:us-east-1:000000000000:stateMachine:fanout",
 *         "AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", "http://127.0.0.1:9324",
 *         "AWS_ACCESS_KEY_ID", "x", "AWS_SECRET_ACCESS_KEY", "x", "S3_FORCE_PATH_STYLE", "true"));
 * WorkerHandler worker = new WorkerHandler(wiring);
 * }</pre>
 *
 * <p>Services are built on first use, so a function only builds the clients its handler needs (the worker
 * never needs {@code STATE_MACHINE_ARN}).
 */
public final class Wiring implements AutoCloseable {
    private final Map<String, String> env;
    private final PipelineSettings settings;
    private final JobRegistry jobs;
    private final Clock clock;
    private final AwsClients clients;
    private final Once<PipelineMetrics> metrics = new Once<>(PipelineMetrics::create);
    private final Once<BlobStore> blobs;
    private final Once<TaskCallbacks> callbacks;
    private final Once<WorkQueue> workQueue;
    private final Once<Executions> executions;
    private final Once<ScheduledExecutorService> heartbeatTimer = new Once<>(
            () -> Executors.newSingleThreadScheduledExecutor(daemonThreads("fanout-heartbeat")));
    private final Once<ExecutorService> readPool;
    private final Once<ExecutorService> batchPool = new Once<>(
            () -> Executors.newCachedThreadPool(daemonThreads("fanout-chunk")));
    private final Once<Splitter> splitter;
    private final Once<Worker> worker;
    private final Once<Reducer> reducer;
    private final Once<JobSubmission> submission;

    private Wiring(Map<String, String> env, AwsClients clients, JobRegistry jobTypes, Decorator decorator) {
        this.env = Map.copyOf(env);
        this.settings = PipelineSettings.fromEnv(this.env);
        this.jobs = decorator.decorate(JobRegistry.class, jobTypes); // the services below use this.jobs
        this.clock = Clock.systemUTC();
        this.clients = clients;
        this.blobs = new Once<>(() -> decorator.decorate(BlobStore.class, new S3BlobStore(clients.s3())));
        this.callbacks = new Once<>(() -> decorator.decorate(TaskCallbacks.class, new SfnTaskCallbacks(clients.sfn())));
        this.workQueue = new Once<>(() -> decorator.decorate(WorkQueue.class, new SqsWorkQueue(clients.sqs(),
                require(EnvVar.WORK_QUEUE_URL), env.get(EnvVar.DEAD_LETTER_QUEUE_URL.name()))));
        this.executions = new Once<>(() -> new SfnExecutions(clients.sfn(), require(EnvVar.STATE_MACHINE_ARN)));
        this.readPool = new Once<>(() -> Executors.newFixedThreadPool(settings.reducerReadConcurrency(),
                daemonThreads("fanout-read")));
        this.splitter = new Once<>(() -> new Splitter(blobs.get(), jobs, settings, clock));
        // the jitter source is made on first use, after a SnapStart restore, and is a CSPRNG, so restored sandboxes
        // do not share a sequence (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-uniqueness.html)
        this.worker = new Once<>(() -> new Worker(new Worker.Ports(blobs.get(), callbacks.get(), workQueue.get()), jobs,
                settings, new Worker.Services(clock, heartbeatTimer.get(), batchPool.get(), new SecureRandom())));
        this.reducer = new Once<>(() -> new Reducer(blobs.get(), jobs, settings, clock, readPool.get()));
        this.submission = new Once<>(() -> new JobSubmission(blobs.get(), executions.get(), jobs, settings,
                () -> UUID.randomUUID().toString()));
    }

    /** Everything from {@code env} (EnvVar names): buckets, numbers, region, endpoints, credentials. */
    public static Wiring from(Map<String, String> env) {
        return from(env, JobRegistry.load(), Decorator.NONE);
    }

    /** Like {@link #from(Map)}, with these job types instead of the class path's (the local runtime's --jobs-jar). */
    public static Wiring from(Map<String, String> env, JobRegistry jobs) {
        return from(env, jobs, Decorator.NONE);
    }

    /** Like {@link #from(Map)}, with the ports and the job registry passed through {@code decorator}. */
    public static Wiring from(Map<String, String> env, Decorator decorator) {
        return from(env, JobRegistry.load(), decorator);
    }

    /** Like {@link #from(Map, Decorator)}, with these job types instead of the class path's. */
    public static Wiring from(Map<String, String> env, JobRegistry jobs, Decorator decorator) {
        return new Wiring(env, AwsClients.from(env), Objects.requireNonNull(jobs, "jobs"),
                Objects.requireNonNull(decorator, "decorator"));
    }

    /**
     * For Lambda: the process environment, credentials from the SDK's default chain, and the SnapStart priming
     * hook ({@link Priming}) registered.
     */
    public static Wiring fromEnvironment() {
        Wiring wiring = new Wiring(System.getenv(), AwsClients.fromProcessEnvironment(), JobRegistry.load(),
                Decorator.NONE);
        Priming.register(wiring.clients());
        return wiring;
    }

    /**
     * Wraps what the wiring builds before the services use it: the job registry and the ports ({@link BlobStore},
     * {@link TaskCallbacks}, {@link WorkQueue}). Deployments that observe or disturb the functions from outside (the
     * local runtime's fault injection) pass one; on Lambda there is none.
     *
     * <pre>{@code
     * Wiring wiring = Wiring.from(env, new Wiring.Decorator() {
     *     public <T> T decorate(Class<T> type, T value) {
     *         return type == BlobStore.class ? type.cast(new CountingBlobStore((BlobStore) value)) : value;
     *     }
     * });
     * }</pre>
     */
    public interface Decorator {
        /** Leaves everything as built. */
        Decorator NONE = new Decorator() {
            @Override
            public <T> T decorate(Class<T> type, T value) {
                return value;
            }
        };

        /** {@code value} itself, or what stands in for it; of the same {@code type}. */
        <T> T decorate(Class<T> type, T value);
    }

    public PipelineSettings settings() {
        return settings;
    }

    public JobRegistry jobs() {
        return jobs;
    }

    public AwsClients clients() {
        return clients;
    }

    public BlobStore blobs() {
        return blobs.get();
    }

    public PipelineMetrics metrics() {
        return metrics.get();
    }

    public Splitter splitter() {
        return splitter.get();
    }

    public Worker worker() {
        return worker.get();
    }

    /** Threads that process the messages of one SQS batch side by side (each needs its heartbeats). */
    public ExecutorService batchPool() {
        return batchPool.get();
    }

    public Reducer reducer() {
        return reducer.get();
    }

    public JobSubmission submission() {
        return submission.get();
    }

    /**
     * DescribeExecution by execution ARN, for the failure report of a job whose status changed (the event names the
     * execution; the reducer is not told the state machine's ARN otherwise).
     */
    public Optional<Executions.ExecutionView> describeExecution(String executionArn) {
        return SfnExecutions.ofExecution(clients.sfn(), executionArn)
                .describe(SfnExecutions.executionName(executionArn));
    }

    private String require(EnvVar name) {
        String value = env.get(name.name());
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is required by this function but not set");
        }
        return value;
    }

    @Override
    public void close() {
        shutdown(heartbeatTimer.ifBuilt());
        shutdown(readPool.ifBuilt());
        shutdown(batchPool.ifBuilt());
        clients.close();
    }

    private static void shutdown(ExecutorService pool) {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
