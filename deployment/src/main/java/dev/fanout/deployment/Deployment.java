package dev.fanout.deployment;

import dev.fanout.core.config.EnvVar;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the stack deploys, derived from its {@link DeploymentSettings}: the function table, the work queue, the event
 * source mapping, the Map's concurrency cap, {@code HeartbeatSeconds} and each function's environment. The CDK stack
 * (infra), the local runtime and the LocalStack suite all build their resources from this, so they cannot differ.
 *
 * <p>Every duration the pipeline deploys comes out of this class, computed from the settings' two durations
 * ({@code workerTimeout}, {@code baseHeartbeat}) and the constants of the function table, {@link WorkQueueSpec} and
 * {@link EventSourceMappingSpec} — and, for a local run, multiplied by one time scale ({@link #scaled}), so the
 * stack (scale 1) and the local runtime share one computation and every ratio between the durations holds.
 *
 * <pre>{@code
 * Deployment deployment = Deployment.of(DeploymentSettings.defaults().withWorkerMaxConcurrency(1000));
 * deployment.mapMaxConcurrency();                        // 1000: workers × batch size
 * deployment.heartbeat();                                // PT5M19S: 120 s + 199 s of ramp-up
 * deployment.workQueue().visibilityTimeout();            // PT30M
 * Map<String, String> env = deployment.environment(PipelineFunction.API,
 *         DeployedResources.named(ResourceNames.LOCAL, queueUrl, deadLetterQueueUrl, stateMachineArn));
 * }</pre>
 */
public record Deployment(DeploymentSettings settings, double timeScale) {

    /** Powertools' service name: the {@code service} field of every log line. */
    public static final String SERVICE_NAME = "fanout";
    /** CloudWatch namespace of the functions' EMF metrics. */
    public static final String METRICS_NAMESPACE = "fanout";

    static final int SPLITTER_MEMORY_MB = 1024;
    /** A JSON array input of a few GiB is scanned whole for its element offsets: Lambda's longest timeout. */
    static final Duration SPLITTER_TIMEOUT = Duration.ofMinutes(15);
    /** Reducer: reads and combines every partial of a job; Lambda's maximum timeout. */
    static final int REDUCER_MEMORY_MB = 2048;
    static final Duration REDUCER_TIMEOUT = Duration.ofMinutes(15);
    /** The partial the reducer is sized for: 50,000 distinct keys (about 385 KB in the built-in jobs' binary form). */
    public static final int DESIGN_KEYS_PER_PARTIAL = 50_000;
    /**
     * Keys one reducer invocation at {@link #REDUCER_MEMORY_MB} is planned to read, decode and merge per second. Lambda
     * gives a function CPU in proportion to its memory, one vCPU at 1,769 MB
     * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html), so the reducer's 2,048 MB is about one
     * core for decoding and merging together; the reducer scaling benchmark measures 4.1 M keys/s decoding and
     * 1.9–3.3 M keys/s merging on one core (1.3–1.8 M keys/s for both on one), and this plans with less than that.
     */
    public static final long PLANNED_REDUCER_KEYS_PER_SECOND = 1_000_000;
    /** A reduce or a combine task is planned to take at most this share of the reducer's timeout: 300 of 900 s. */
    public static final int REDUCER_TIMEOUT_SHARE = 3;
    /** API: API Gateway waits at most 29 s for an integration. */
    static final int API_MEMORY_MB = 1024;
    static final Duration API_TIMEOUT = Duration.ofSeconds(29);
    static final int TRIGGER_MEMORY_MB = 1024;
    /** The worker's retry backoff: 1 s, doubling with each receive, up to {@link #workerRetryBackoffCap()}. */
    static final Duration WORKER_RETRY_BACKOFF_BASE = Duration.ofSeconds(1);
    static final long WORKER_RETRY_BACKOFF_CAP_SECONDS = 30;
    /**
     * The floor of a scaled function timeout: on one machine, with hundreds of invocations sharing its cores, an API
     * call that takes 30 ms on Lambda can take seconds.
     */
    static final long MIN_SCALED_FUNCTION_TIMEOUT_SECONDS = 10;
    /** The smallest time scale: below it the local runtime's timing is dominated by its own overheads. */
    public static final double MIN_TIME_SCALE = 0.01;
    static final Duration TRIGGER_TIMEOUT = Duration.ofMinutes(1);

    public Deployment {
        Objects.requireNonNull(settings, "settings");
        if (!(timeScale >= MIN_TIME_SCALE && timeScale <= 1)) {
            throw new IllegalArgumentException("the time scale must be within [" + MIN_TIME_SCALE + ", 1], was "
                    + timeScale);
        }
    }

    /** What the stack deploys on AWS: the settings at AWS's own timing (time scale 1). */
    public static Deployment of(DeploymentSettings settings) {
        return new Deployment(settings, 1.0);
    }

    /**
     * The same deployment with every duration of the stack multiplied by {@code timeScale}, as the local runtime runs
     * it: function timeouts, the queue's visibility, the worker's heartbeat period and backoff, the event source
     * mapping's scaling. The durations the state machine waits ({@code HeartbeatSeconds}, Retry intervals, Wait
     * states) stay as deployed here: the engine running it scales them with the same factor.
     */
    public static Deployment scaled(DeploymentSettings settings, double timeScale) {
        return new Deployment(settings, timeScale);
    }

    /** {@code duration} times the time scale (nanosecond precision; unchanged at scale 1). */
    public Duration scale(Duration duration) {
        return timeScale == 1.0 ? duration : Duration.ofNanos(Math.round(duration.toNanos() * timeScale));
    }

    /**
     * The function table: handler, memory and timeout of one function. A scaled timeout is never below
     * {@value #MIN_SCALED_FUNCTION_TIMEOUT_SECONDS} s (or the deployed one, if shorter): a local invocation also
     * loads the classes and builds the SDK clients that Lambda's init phase and SnapStart do outside the timeout,
     * and shares one machine's cores with every other.
     */
    public FunctionSpec function(PipelineFunction function) {
        return switch (function) {
            case SPLITTER -> spec(function, SPLITTER_MEMORY_MB, SPLITTER_TIMEOUT);
            case WORKER -> spec(function, settings.workerMemoryMb(), settings.workerTimeout());
            case REDUCER -> spec(function, REDUCER_MEMORY_MB, REDUCER_TIMEOUT);
            case API -> spec(function, API_MEMORY_MB, API_TIMEOUT);
            case S3_TRIGGER -> spec(function, TRIGGER_MEMORY_MB, TRIGGER_TIMEOUT);
        };
    }

    private FunctionSpec spec(PipelineFunction function, int memoryMb, Duration timeout) {
        Duration floor = Duration.ofSeconds(Math.min(timeout.getSeconds(), MIN_SCALED_FUNCTION_TIMEOUT_SECONDS));
        Duration scaled = scale(timeout);
        return new FunctionSpec(function, memoryMb, scaled.compareTo(floor) < 0 ? floor : scaled);
    }

    /** Every function, in {@link PipelineFunction} order. */
    public List<FunctionSpec> functions() {
        return Arrays.stream(PipelineFunction.values()).map(this::function).toList();
    }

    /**
     * Visibility timeout 6 × the worker's timeout, the redrive count, 14 days in the dead-letter queue. SQS takes
     * whole seconds: a scaled visibility is rounded up (at least 1 s). The retention is not scaled: SQS only keeps
     * time by it, it never waits on it.
     */
    public WorkQueueSpec workQueue() {
        Duration visibility = function(PipelineFunction.WORKER).timeout()
                .multipliedBy(WorkQueueSpec.VISIBILITY_TIMEOUT_FACTOR);
        long seconds = Math.max(1, (visibility.toMillis() + 999) / 1000);
        return new WorkQueueSpec(Duration.ofSeconds(seconds), settings.maxReceiveCount(),
                WorkQueueSpec.DEAD_LETTER_RETENTION);
    }

    public EventSourceMappingSpec eventSourceMapping() {
        return new EventSourceMappingSpec(settings.workerBatchSize(), settings.workerMaxConcurrency());
    }

    /**
     * How the event source mapping grows: {@value EventSourceMappingSpec#INITIAL_CONCURRENCY} batches, then
     * {@value EventSourceMappingSpec#SCALE_UP_PER_MINUTE} more a minute, the minute scaled.
     */
    public EventSourceMappingSpec.Scaling eventSourceMappingScaling() {
        return new EventSourceMappingSpec.Scaling(EventSourceMappingSpec.INITIAL_CONCURRENCY,
                EventSourceMappingSpec.SCALE_UP_PER_MINUTE, scale(Duration.ofMinutes(1)));
    }

    /**
     * The cap of the Map's {@code MaxConcurrency}: the chunks the workers hold in flight, {@code MaximumConcurrency}
     * × batch size. A Map child's heartbeat clock starts when it sends its message, so the Map never sends more than
     * the workers can take; a request's {@code maxConcurrency} can only lower it. The functions get it as
     * {@code MAX_CONCURRENCY}.
     */
    public int mapMaxConcurrency() {
        EventSourceMappingSpec esm = eventSourceMapping();
        return esm.maximumConcurrency() * esm.batchSize();
    }

    /**
     * The {@code HeartbeatSeconds} of the wait-for-task-token state: the base heartbeat plus the time the event source
     * mapping needs to scale up to its {@code MaximumConcurrency} ({@link EventSourceMappingSpec#rampUpTime()}). The
     * heartbeat clock of a Map child starts when its message is sent, and at the start of a job up to
     * {@link #mapMaxConcurrency()} messages wait while the mapping grows from 5 concurrent batches by 300 a minute;
     * without the ramp-up in it, the last of them would time out before any worker saw it. A worker beats when it
     * takes a message, then every {@link #workerHeartbeatInterval()}. The functions get it as
     * {@code HEARTBEAT_SECONDS}. Not scaled here: the state machine's engine scales it locally, with the other
     * durations it waits.
     */
    public Duration heartbeat() {
        return settings.baseHeartbeat().plus(eventSourceMapping().rampUpTime());
    }

    /**
     * The most partials one reducer invocation merges: {@code REDUCER_TIMEOUT / 3 × PLANNED_REDUCER_KEYS_PER_SECOND /
     * DESIGN_KEYS_PER_PARTIAL} = 300 s × 1 M keys/s / 50,000 keys = 6,000. A job of more chunks gets a combine level:
     * groups of at most this many partials, one combine task each, then the final reduce over the groups' combined
     * partials ({@code dev.fanout.core.model.CombinePlan}). The functions get it as {@code REDUCER_MAX_PARTIALS}. Not
     * scaled: it counts keys the deployed reducer merges in its timeout, not a duration the local runtime waits.
     */
    public int reducerMaxPartials() {
        long budgetSeconds = REDUCER_TIMEOUT.getSeconds() / REDUCER_TIMEOUT_SHARE;
        return (int) (budgetSeconds * PLANNED_REDUCER_KEYS_PER_SECOND / DESIGN_KEYS_PER_PARTIAL);
    }

    /**
     * How often a worker beats while it runs a chunk: a third of {@link #heartbeat()}, so two beats may be lost before
     * the task times out. (A worker also beats once when it takes a message, before it runs it: that restarts the
     * clock after the wait in the queue.) The worker gets it as {@code HEARTBEAT_INTERVAL_MILLIS}.
     */
    public Duration workerHeartbeatInterval() {
        return scale(heartbeat().dividedBy(3));
    }

    /**
     * The first step of the worker's backoff after a transient failure (the longest delay after the first receive;
     * full jitter draws below it, and it doubles with each receive). {@code RETRY_BACKOFF_BASE_MILLIS}.
     */
    public Duration workerRetryBackoffBase() {
        return scale(WORKER_RETRY_BACKOFF_BASE);
    }

    /**
     * The longest backoff: {@value #WORKER_RETRY_BACKOFF_CAP_SECONDS} s, or a quarter of {@link #heartbeat()} if that
     * is less. The worker beats right before it backs off, and the redelivery beats right away, so the task's clock
     * never runs longer than the backoff plus the queue's poll between two beats. {@code RETRY_BACKOFF_CAP_MILLIS}.
     */
    public Duration workerRetryBackoffCap() {
        Duration quarter = heartbeat().dividedBy(4);
        Duration cap = Duration.ofSeconds(WORKER_RETRY_BACKOFF_CAP_SECONDS);
        return scale(quarter.compareTo(cap) < 0 ? quarter : cap);
    }

    /**
     * The environment of {@code function}: the names it addresses, the numbers {@code PipelineSettings.fromEnv}
     * reads (the worker's own durations in milliseconds) and Powertools' service name — the same {@link EnvVar} keys for every function, plus
     * {@code STATE_MACHINE_ARN} for those that start executions. Deployments add only what is theirs (endpoints and
     * credentials locally).
     *
     * @throws IllegalArgumentException if {@code function} starts executions and {@code resources} has no state
     *                                  machine ARN
     */
    public Map<String, String> environment(PipelineFunction function, DeployedResources resources) {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(resources, "resources");
        Map<String, String> env = new LinkedHashMap<>();
        for (DataBucket bucket : DataBucket.values()) {
            env.put(bucket.variable().name(), resources.bucket(bucket));
        }
        env.put(EnvVar.WORK_QUEUE_URL.name(), resources.workQueueUrl());
        env.put(EnvVar.DEAD_LETTER_QUEUE_URL.name(), resources.deadLetterQueueUrl());
        env.put(EnvVar.MAX_CONCURRENCY.name(), Integer.toString(mapMaxConcurrency()));
        env.put(EnvVar.HEARTBEAT_SECONDS.name(), Long.toString(heartbeat().getSeconds()));
        env.put(EnvVar.HEARTBEAT_INTERVAL_MILLIS.name(), Long.toString(workerHeartbeatInterval().toMillis()));
        env.put(EnvVar.RETRY_BACKOFF_BASE_MILLIS.name(), Long.toString(workerRetryBackoffBase().toMillis()));
        env.put(EnvVar.RETRY_BACKOFF_CAP_MILLIS.name(), Long.toString(workerRetryBackoffCap().toMillis()));
        env.put(EnvVar.MAX_RECEIVE_COUNT.name(), Integer.toString(settings.maxReceiveCount()));
        env.put(EnvVar.SPLITTER_MEMORY_MB.name(), Integer.toString(function(PipelineFunction.SPLITTER).memoryMb()));
        env.put(EnvVar.WORKER_MEMORY_MB.name(), Integer.toString(function(PipelineFunction.WORKER).memoryMb()));
        env.put(EnvVar.REDUCER_MEMORY_MB.name(), Integer.toString(function(PipelineFunction.REDUCER).memoryMb()));
        env.put(EnvVar.REDUCER_MAX_PARTIALS.name(), Integer.toString(reducerMaxPartials()));
        env.put(EnvVar.POWERTOOLS_SERVICE_NAME.name(), SERVICE_NAME);
        if (function.startsExecutions()) {
            String arn = resources.stateMachineArn();
            if (arn == null || arn.isBlank()) {
                throw new IllegalArgumentException(function + " starts executions and needs "
                        + EnvVar.STATE_MACHINE_ARN + ": create the state machine first");
            }
            env.put(EnvVar.STATE_MACHINE_ARN.name(), arn);
        }
        return Collections.unmodifiableMap(env);
    }
}
