package dev.fanout.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.asl.AslEngine;
import dev.fanout.asl.api.StateMachineType;
import dev.fanout.asl.api.StepFunctionsServer;
import dev.fanout.asl.api.StepFunctionsService;
import dev.fanout.core.config.EnvVar;
import dev.fanout.core.job.Job;
import dev.fanout.core.job.JobRegistry;
import dev.fanout.core.pipeline.Keys;
import dev.fanout.core.port.BlobStore;
import dev.fanout.deployment.Arns;
import dev.fanout.deployment.DataBucket;
import dev.fanout.deployment.DeployedResources;
import dev.fanout.deployment.Deployment;
import dev.fanout.deployment.EventSourceMappingSpec;
import dev.fanout.deployment.FunctionSpec;
import dev.fanout.deployment.PipelineFunction;
import dev.fanout.deployment.ResourceNames;
import dev.fanout.deployment.StoragePrefix;
import dev.fanout.deployment.WorkQueueSpec;
import dev.fanout.lambda.Wiring;
import dev.fanout.lambda.aws.AwsClients;
import dev.fanout.local.dashboard.Dashboard;
import dev.fanout.local.runtime.apigw.JobsApiServer;
import dev.fanout.local.runtime.chaos.Chaos;
import dev.fanout.local.runtime.chaos.FaultKind;
import dev.fanout.local.runtime.chaos.S3FaultProxy;
import dev.fanout.local.runtime.esm.EventSourceMappingSettings;
import dev.fanout.local.runtime.esm.SqsEventSourceMapping;
import dev.fanout.local.runtime.lambda.FunctionConfig;
import dev.fanout.local.runtime.lambda.LocalFunction;
import dev.fanout.local.runtime.services.EmbeddedS3;
import dev.fanout.local.runtime.services.EmbeddedSqs;
import dev.fanout.local.runtime.sfn.ExecutionStatusEvents;
import dev.fanout.local.runtime.sfn.LocalIntegrations;
import dev.fanout.local.runtime.trigger.S3UploadWatcher;
import dev.fanout.statemachines.Placeholders;
import dev.fanout.statemachines.StateMachineDefinitions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The whole pipeline on one machine: embedded S3 (s3proxy) and SQS (ElasticMQ), the project's ASL engine behind
 * the Step Functions API, the real handlers invoked in-process with Lambda contexts and timeouts, the SQS event
 * source mapping, the jobs REST API and the S3 upload trigger — each built from the deployment contract
 * ({@link LocalRuntimeOptions#deployment()}), as the stack is. The handlers get the same environment variables as on
 * AWS, with endpoints pointing here: they do not know they run locally.
 *
 * <pre>{@code
 * try (LocalRuntime runtime = LocalRuntime.start(LocalRuntimeOptions.builder().build())) {  // in-memory S3
 *     URI api = runtime.endpoints().jobsApi();     // POST {api}/jobs, GET {api}/jobs/{jobId}
 *     runtime.s3().putObject(...);                 // clients configured for the embedded services
 * }
 * }</pre>
 *
 * <p>Closing stops everything in reverse order of start and leaves no non-daemon thread behind.
 */
public final class LocalRuntime implements AutoCloseable {
    /** The local runtime's resource names: {@code fanout-input}, {@code fanout-worker}, ... */
    public static final ResourceNames NAMES = ResourceNames.LOCAL;
    /**
     * Default text chunk size locally (the stack leaves the functions' 64 MiB): a file of a few hundred MiB still
     * spreads over the local workers. A request's {@code chunkSizeBytes} or {@code extraEnvironment} overrides it.
     */
    public static final long LOCAL_DEFAULT_CHUNK_SIZE_BYTES = 8L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(LocalRuntime.class);
    /**
     * Idle connections the JDK's HTTP client keeps alive per server (it keeps 5 by default). Hundreds of local
     * invocations talk to the embedded servers at once through it; with 5, every other request would open a new
     * connection and the servers' accept queues would overflow. Only takes effect if set before the JVM's first
     * HTTP connection; {@code ./fanout} passes it on the command line.
     */
    static final String KEEP_ALIVE_CONNECTIONS = "1000";

    static {
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", KEEP_ALIVE_CONNECTIONS);
        }
    }

    private final LocalRuntimeOptions options;
    private final Deployment deployment;
    private final Arns arns;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final Clock clock = Clock.systemUTC();
    private final Map<PipelineFunction, LocalFunction> localFunctions = new EnumMap<>(PipelineFunction.class);
    private final Chaos chaos;
    private final ChunkRuns chunkRuns = new ChunkRuns();
    private EmbeddedS3 s3Server;
    private S3FaultProxy s3Faults;
    private SqsEventSourceMapping workerEvents;
    private EmbeddedSqs sqsServer;
    private StepFunctionsServer sfnServer;
    private JobsApiServer api;
    private StepFunctionsService stepFunctions;
    /** The runtime's own S3 client (and the engine's); {@link #queueClients} has its SQS client. */
    private AwsClients clients;
    private AwsClients queueClients;
    private String workQueueUrl;
    private String workQueueArn;
    private String deadLetterQueueUrl;
    private String stateMachineArn;
    private Map<PipelineFunction, Map<String, String>> environments;
    /** The handlers; built once the environments are complete (the engine calls them only after that). */
    private PipelineFunctions functions;

    private LocalRuntime(LocalRuntimeOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.deployment = options.deployment();
        this.arns = Arns.aws(options.region(), options.accountId());
        this.chaos = new Chaos(options.chaos());
    }

    /** Starts every service; on failure, whatever started is stopped again. */
    public static LocalRuntime start(LocalRuntimeOptions options) {
        LocalRuntime runtime = new LocalRuntime(options);
        try {
            runtime.startAll();
            return runtime;
        } catch (RuntimeException | Error e) {
            runtime.close();
            throw e;
        }
    }

    private void startAll() {
        long started = System.nanoTime();
        // SQS (the slower to start) and its queues on a thread of their own, S3 and its buckets meanwhile here, then
        // what needs no queue yet: the functions' shells, the engine and its endpoint
        CompletableFuture<Queues> queues = CompletableFuture.supplyAsync(this::startQueues, LocalRuntime::runDaemon);
        // stopped last, after everything that sends to the queues
        own(new QueueServices());
        Throwable failed = null;
        try {
            startStorage();
            for (FunctionSpec spec : deployment.functions()) {
                localFunctions.put(spec.function(), own(new LocalFunction(new FunctionConfig(
                        NAMES.function(spec.function()), spec.timeout(), spec.memoryMb(), options.region(),
                        options.accountId()), clock)));
            }
            startEngine();
        } catch (RuntimeException | Error e) {
            failed = e;
        }
        // whatever happened here, the queues' thread is waited for: what it started is stopped with the rest
        try {
            Queues q = join(queues);
            sqsServer = q.server();
            queueClients = q.clients();
            workQueueUrl = q.workQueueUrl();
            workQueueArn = q.workQueueArn();
            deadLetterQueueUrl = q.deadLetterQueueUrl();
        } catch (RuntimeException | Error e) {
            if (failed == null) {
                failed = e;
            } else {
                failed.addSuppressed(e);
            }
        }
        if (failed instanceof Error e) {
            throw e;
        } else if (failed != null) {
            throw (RuntimeException) failed;
        }
        long storage = System.nanoTime();
        startFunctions();
        long engine = System.nanoTime();
        startEventSources();
        long end = System.nanoTime();
        LOG.info("local runtime up in {} ms (S3, SQS, buckets, queues and engine {} ms; functions {} ms; event "
                + "sources and API {} ms): {}", millis(end - started), millis(storage - started), millis(engine - storage),
                millis(end - engine), endpoints());
    }

    /** S3 with the buckets, created in its store before it serves; the runtime's own S3 client. */
    private void startStorage() {
        List<String> buckets = new ArrayList<>();
        for (DataBucket b : DataBucket.values()) {
            buckets.add(NAMES.bucket(b));
        }
        s3Server = own(EmbeddedS3.start(options.dataDir() == null ? null : options.dataDir().resolve("s3"),
                options.s3Port(), buckets));
        if (chaos.injects(FaultKind.S3_ERRORS)) {
            // the functions reach S3 through it; the runtime's own clients (and the engine's) do not
            s3Faults = own(S3FaultProxy.start(s3Server.endpoint(), chaos.s3Faults()));
        }
        clients = own(AwsClients.from(clientEnvironment(Map.of(EnvVar.AWS_ENDPOINT_URL_S3, s3Server.endpoint()))));
        clients.s3(); // built here, beside the queues' start, rather than by its first use
    }

    /** ElasticMQ and the runtime's SQS client, once the queues' thread has handed them over. */
    private final class QueueServices implements AutoCloseable {
        @Override
        public void close() {
            if (queueClients != null) {
                queueClients.close();
            }
            if (sqsServer != null) {
                sqsServer.close();
            }
        }
    }

    /** What the queues' thread started: ElasticMQ, the client of the runtime's own SQS calls, the two queues. */
    private record Queues(EmbeddedSqs server, AwsClients clients, String workQueueUrl, String workQueueArn,
                          String deadLetterQueueUrl) {
    }

    /**
     * ElasticMQ, then the work queue and its dead-letter queue, as the stack creates them (visibility, redrive,
     * retention); on failure stops what it started.
     */
    private Queues startQueues() {
        EmbeddedSqs server = EmbeddedSqs.start(options.sqsPort());
        AwsClients sqsClients = null;
        try {
            sqsClients = AwsClients.from(clientEnvironment(Map.of(EnvVar.AWS_ENDPOINT_URL_SQS, server.endpoint())));
            SqsClient sqs = sqsClients.sqs();
            WorkQueueSpec spec = deployment.workQueue();
            String dlq = sqs.createQueue(r -> r.queueName(NAMES.deadLetterQueue()).attributes(Map.of(
                    QueueAttributeName.MESSAGE_RETENTION_PERIOD,
                    Long.toString(spec.deadLetterRetention().getSeconds())))).queueUrl();
            String redrive = spec.redrivePolicy(queueArn(sqs, dlq));
            String work = sqs.createQueue(r -> r.queueName(NAMES.workQueue()).attributes(Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(spec.visibilityTimeout().getSeconds()),
                    QueueAttributeName.REDRIVE_POLICY, redrive))).queueUrl();
            return new Queues(server, sqsClients, work, queueArn(sqs, work), dlq);
        } catch (RuntimeException | Error e) {
            if (sqsClients != null) {
                sqsClients.close();
            }
            server.close();
            throw e;
        }
    }

    /** The engine (tasks call the splitter and reducer in-process) and its API endpoint. */
    private void startEngine() {
        // the state machine ARN follows from its name, so the functions' environments are complete up front
        stateMachineArn = arns.stateMachine(NAMES.stateMachine());
        LocalFunction splitter = localFunctions.get(PipelineFunction.SPLITTER);
        LocalFunction reducer = localFunctions.get(PipelineFunction.REDUCER);
        AslEngine engine = own(AslEngine.builder().region(options.region()).accountId(options.accountId())
                .timeScale(options.timeScale())
                .integrations(LocalIntegrations.create(Map.of(
                        NAMES.function(PipelineFunction.SPLITTER),
                        payload -> {
                            chaos.jobStarted(Json.jobIdOf(payload));
                            return splitter.invoke(ctx -> functions.split(payload, ctx));
                        },
                        NAMES.function(PipelineFunction.REDUCER),
                        payload -> {
                            String answer = reducer.invoke(ctx -> functions.reduce(payload, ctx));
                            reportFaults(payload);
                            return answer;
                        }),
                        () -> queueClients.sqs(), clients.s3()))
                .build());
        StepFunctionsService service = new StepFunctionsService(engine);
        stepFunctions = service;
        sfnServer = own(StepFunctionsServer.start(service, options.stepFunctionsPort(), chaos.callbackFilter()));
    }

    /** The handlers, in each function's complete environment, and the state machine (its definition names the queue). */
    private void startFunctions() {
        StepFunctionsService service = stepFunctions;
        environments = buildEnvironments();
        functions = own(new PipelineFunctions(environments, options.jobs() != null ? options.jobs()
                : JobRegistry.load(LocalRuntime.class.getClassLoader()), workerDecorator()));

        String created = service.createStateMachine(NAMES.stateMachine(), definition(),
                "arn:aws:iam::" + options.accountId() + ":role/fanout-state-machine", StateMachineType.STANDARD).arn();
        if (!created.equals(stateMachineArn)) {
            throw new IllegalStateException("state machine ARN " + created + " differs from " + stateMachineArn);
        }
    }

    /** What invokes the other functions: the queue's event source mapping, the REST API, the upload trigger. */
    private void startEventSources() {
        EventSourceMappingSpec esm = deployment.eventSourceMapping();
        workerEvents = own(SqsEventSourceMapping.start(queueClients.sqs(), workQueueUrl, workQueueArn, options.region(),
                localFunctions.get(PipelineFunction.WORKER),
                chaos.workerInvoker((event, ctx) -> functions.work(event, ctx)),
                new EventSourceMappingSettings(esm.batchSize(), esm.maximumConcurrency(), options.queuePollWait(),
                        deployment.eventSourceMappingScaling()),
                chaos.deliveryFaults()));
        api = own(JobsApiServer.start(options.apiPort(), localFunctions.get(PipelineFunction.API),
                (event, ctx) -> functions.api(event, ctx), clock, options.accountId()));
        // the stack's EventBridge rule: a job that ended badly gets the reducer's failure report
        LocalFunction reducer = localFunctions.get(PipelineFunction.REDUCER);
        own(ExecutionStatusEvents.start(stepFunctions, stateMachineArn, options.uploadPollInterval(),
                payload -> {
                    reducer.invoke(ctx -> functions.reduce(payload, ctx));
                    reportFaults(payload);
                }));
        api.mount(Dashboard.create(new Dashboard.Sources(stepFunctions, stateMachineArn, this::executionArn,
                clients.s3(), resultsBucket(), queueClients.sqs(), deadLetterQueueUrl, clock)));
        if (!options.uploadTrigger()) {
            return;
        }
        own(S3UploadWatcher.start(clients.s3(), NAMES.bucket(DataBucket.INPUT), StoragePrefix.UPLOADS.prefix(),
                options.region(), localFunctions.get(PipelineFunction.S3_TRIGGER),
                (event, ctx) -> functions.upload(event, ctx), options.uploadPollInterval(), clock));
    }

    private static void runDaemon(Runnable task) {
        Thread t = new Thread(task, "local-runtime-start");
        t.setDaemon(true);
        t.start();
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** The definition with the same substitutions the stack makes: the functions' {@code live} aliases, the queue. */
    private String definition() {
        return StateMachineDefinitions.render(Map.of(
                Placeholders.SplitterFunctionArn, functionArn(PipelineFunction.SPLITTER),
                Placeholders.ReducerFunctionArn, functionArn(PipelineFunction.REDUCER),
                Placeholders.WorkQueueUrl, workQueueUrl));
    }

    private String functionArn(PipelineFunction function) {
        return arns.function(NAMES.function(function), FunctionSpec.ALIAS);
    }

    private static String queueArn(SqsClient sqs, String queueUrl) {
        return sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /**
     * What is local in every client's environment: region, dummy credentials, the endpoints given, path-style S3.
     * A function's has all three endpoints (S3 through the fault proxy in chaos mode) and the local default chunk
     * size; everything else is the contract's.
     */
    private Map<String, String> clientEnvironment(Map<EnvVar, URI> endpoints) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(EnvVar.AWS_REGION.name(), options.region());
        env.put(EnvVar.AWS_ACCESS_KEY_ID.name(), "fanout");
        env.put(EnvVar.AWS_SECRET_ACCESS_KEY.name(), "fanout-local");
        for (EnvVar endpoint : List.of(EnvVar.AWS_ENDPOINT_URL_S3, EnvVar.AWS_ENDPOINT_URL_SQS,
                EnvVar.AWS_ENDPOINT_URL_SFN)) {
            if (endpoints.containsKey(endpoint)) {
                env.put(endpoint.name(), endpoints.get(endpoint).toString());
            }
        }
        env.put(EnvVar.S3_FORCE_PATH_STYLE.name(), "true");
        return env;
    }

    /** Each function's environment: the contract's, for the local names, plus what is local, plus the extras. */
    private Map<PipelineFunction, Map<String, String>> buildEnvironments() {
        DeployedResources deployed = DeployedResources.named(NAMES, workQueueUrl, deadLetterQueueUrl,
                stateMachineArn);
        Map<PipelineFunction, Map<String, String>> all = new EnumMap<>(PipelineFunction.class);
        for (PipelineFunction f : PipelineFunction.values()) {
            Map<String, String> env = new LinkedHashMap<>(deployment.environment(f, deployed));
            env.putAll(clientEnvironment(Map.of(
                    EnvVar.AWS_ENDPOINT_URL_S3, s3Faults == null ? s3Server.endpoint() : s3Faults.endpoint(),
                    EnvVar.AWS_ENDPOINT_URL_SQS, sqsServer.endpoint(),
                    EnvVar.AWS_ENDPOINT_URL_SFN, sfnServer.endpoint())));
            env.put(EnvVar.DEFAULT_CHUNK_SIZE_BYTES.name(), Long.toString(LOCAL_DEFAULT_CHUNK_SIZE_BYTES));
            env.putAll(options.extraEnvironment());
            all.put(f, Map.copyOf(env));
        }
        return Map.copyOf(all);
    }

    /** The worker's jobs count their runs per chunk; in chaos mode its jobs and storage carry the faults too. */
    private Wiring.Decorator workerDecorator() {
        return new Wiring.Decorator() {
            @Override
            public <T> T decorate(Class<T> type, T value) {
                if (type == JobRegistry.class) {
                    return type.cast(((JobRegistry) value).decorated(LocalRuntime.this::hooked));
                }
                if (type == BlobStore.class) {
                    return type.cast(chaos.workerStorage((BlobStore) value));
                }
                return value;
            }
        };
    }

    private <P> Job<P> hooked(Job<P> job) {
        return HookedJob.of(job, (jobId, index) -> {
            chunkRuns.ran(jobId, index);
            chaos.beforeMap(jobId, index);
        });
    }

    /**
     * In chaos mode, once the reducer has written a job's {@code summary.json} (the result's, or the failure
     * report's), adds what was injected and how it was absorbed as {@code faults}: the reducer knows nothing of
     * chaos. It runs inside the reducer's task, so the summary is complete when the execution ends.
     */
    private void reportFaults(String reducerPayload) {
        if (!options.chaos().active()) {
            return;
        }
        try {
            JsonNode request = Json.MAPPER.readTree(reducerPayload);
            boolean reduced = request.path("action").asText().equals("reduce");
            String jobId = reduced ? request.path("plan").path("jobId").asText() : request.path("jobId").asText();
            String key = Keys.summary(jobId);
            ObjectNode summary = (ObjectNode) Json.MAPPER.readTree(clients.s3().getObjectAsBytes(r -> r
                    .bucket(resultsBucket()).key(key)).asByteArray());
            java.util.Set<Integer> partials = new java.util.HashSet<>();
            clients.s3().listObjectsV2Paginator(r -> r.bucket(workBucket()).prefix(Keys.partialsPrefix(jobId)))
                    .contents().forEach(o -> partials.add(Keys.indexOf(o.key())));
            summary.set("faults", chaos.report(jobId, partials::contains, reduced));
            clients.s3().putObject(r -> r.bucket(resultsBucket()).key(key).contentType("application/json"),
                    RequestBody.fromBytes(Json.MAPPER.writeValueAsBytes(summary)));
        } catch (IOException | RuntimeException e) {
            LOG.warn("adding the injected faults to the summary failed: {}", e.toString());
        }
    }

    /**
     * The most worker batches the event source mapping has processed at once so far: it starts at 5 and grows by 300
     * a (scaled) minute while messages wait, up to the deployment's MaximumConcurrency.
     */
    public int workerPeakConcurrency() {
        return workerEvents.peakConcurrency();
    }

    /** How many times the worker ran each chunk's map for {@code jobId} (chunk index to runs), in index order. */
    public Map<Integer, Integer> chunkRuns(String jobId) {
        return chunkRuns.of(jobId);
    }

    private <T extends AutoCloseable> T own(T resource) {
        resources.push(resource);
        return resource;
    }

    public LocalRuntimeOptions options() {
        return options;
    }

    /** What this runtime deploys: the contract applied to its settings. */
    public Deployment deployment() {
        return deployment;
    }

    public Endpoints endpoints() {
        return new Endpoints(api.endpoint(), s3Server.endpoint(), sqsServer.endpoint(), sfnServer.endpoint());
    }

    /** The environment {@code function} sees (EnvVar names). */
    public Map<String, String> environment(PipelineFunction function) {
        return environments.get(function);
    }

    /** How {@code function} runs here: name, timeout and memory from the contract's function table. */
    public FunctionConfig functionConfig(PipelineFunction function) {
        return localFunctions.get(function).config();
    }

    public String inputBucket() {
        return NAMES.bucket(DataBucket.INPUT);
    }

    /**
     * Serves local files in place, read-only, as the objects under {@code prefix} of the input bucket: the pipeline
     * reads them as objects (HEAD, ranged GET, ListObjectsV2, ETags that change when a file does), no byte is copied,
     * and nothing can be written or deleted under the prefix from then on. What {@code fanout run FILE|DIR} does.
     *
     * @param prefix ends in {@code /}; overlaps no prefix served before
     * @param files  key below the prefix to file
     */
    public void serveInputFiles(String prefix, Map<String, Path> files) {
        s3Server.serve(inputBucket(), prefix, files);
    }

    public String workBucket() {
        return NAMES.bucket(DataBucket.WORK);
    }

    public String resultsBucket() {
        return NAMES.bucket(DataBucket.RESULTS);
    }

    public String workQueueUrl() {
        return workQueueUrl;
    }

    public String deadLetterQueueUrl() {
        return deadLetterQueueUrl;
    }

    public String stateMachineArn() {
        return stateMachineArn;
    }

    /** A job's execution ARN (execution name = job id). */
    public String executionArn(String jobId) {
        return arns.execution(NAMES.stateMachine(), jobId);
    }

    /** An S3 client for the embedded S3 (path-style, dummy credentials); closed with the runtime. */
    public S3Client s3() {
        return clients.s3();
    }

    public SqsClient sqs() {
        return queueClients.sqs();
    }

    /** The Step Functions control plane in this JVM: the engine's executions, Map Runs and redrive. */
    public StepFunctionsService stepFunctions() {
        return stepFunctions;
    }

    /** The dashboard's page: {@code GET /} of the jobs API. */
    public URI dashboard() {
        return api.endpoint().resolve("/");
    }

    /** A Step Functions client for the local endpoint. */
    public SfnClient sfn() {
        return functions.clients().sfn();
    }

    /** Stops every service in reverse order of start. */
    @Override
    public void close() {
        stop(false);
    }

    /**
     * Stops as {@link #close} does, for a process about to exit ({@code fanout run}): the event sources, the
     * functions, the engine and S3 are stopped and waited for as there, so that nothing is left half-written; only
     * ElasticMQ, last, is stopped on a daemon thread and not waited for. Its queues are in memory and end with the
     * process, and its stop (unbinding, ending its actors: about 0.1 s) would only delay the exit.
     */
    public void closeForExit() {
        stop(true);
    }

    private void stop(boolean queuesInBackground) {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            if (queuesInBackground && resource instanceof QueueServices queues) {
                Thread t = new Thread(queues::close, "local-runtime-stop-sqs");
                t.setDaemon(true);
                t.start();
                continue;
            }
            long started = System.nanoTime();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", resource.getClass().getSimpleName(), e.toString());
            }
            long took = millis(System.nanoTime() - started);
            if (took >= 100) {
                LOG.info("stopping {} took {} ms", resource.getClass().getSimpleName(), took);
            }
        }
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
