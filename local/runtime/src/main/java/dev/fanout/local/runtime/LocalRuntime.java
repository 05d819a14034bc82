package dev.fanout.local.runtime;

import dev.fanout.asl.AslEngine;
import dev.fanout.asl.api.StateMachineType;
import dev.fanout.asl.api.StepFunctionsServer;
import dev.fanout.asl.api.StepFunctionsService;
import dev.fanout.core.config.EnvVar;
import dev.fanout.lambda.Wiring;
import dev.fanout.lambda.aws.AwsClients;
import dev.fanout.local.runtime.apigw.JobsApiServer;
import dev.fanout.local.runtime.esm.EventSourceMappingSettings;
import dev.fanout.local.runtime.esm.SqsEventSourceMapping;
import dev.fanout.local.runtime.lambda.FunctionConfig;
import dev.fanout.local.runtime.lambda.LocalFunction;
import dev.fanout.local.runtime.services.EmbeddedS3;
import dev.fanout.local.runtime.services.EmbeddedSqs;
import dev.fanout.local.runtime.sfn.LocalIntegrations;
import dev.fanout.local.runtime.trigger.S3UploadWatcher;
import dev.fanout.statemachines.Placeholders;
import dev.fanout.statemachines.StateMachineDefinitions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The whole pipeline on one machine: embedded S3 (s3proxy) and SQS (ElasticMQ), the project's ASL engine behind
 * the Step Functions API, the real handlers invoked in-process with Lambda contexts and timeouts, the SQS event
 * source mapping, the jobs REST API and the S3 upload trigger. The handlers get the same environment variables
 * as on AWS, with endpoints pointing here: they do not know they run locally.
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
    private static final Logger LOG = LoggerFactory.getLogger(LocalRuntime.class);

    private final LocalRuntimeOptions options;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final Clock clock = Clock.systemUTC();
    private EmbeddedS3 s3Server;
    private EmbeddedSqs sqsServer;
    private StepFunctionsServer sfnServer;
    private JobsApiServer api;
    private AwsClients clients;
    private String workQueueUrl;
    private String deadLetterQueueUrl;
    private String stateMachineArn;
    private Map<String, String> environment;
    /** The handlers; built once the environment is complete (the engine calls them only after that). */
    private PipelineFunctions functions;

    private LocalRuntime(LocalRuntimeOptions options) {
        this.options = Objects.requireNonNull(options, "options");
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
        startStorageAndQueues();
        LocalFunction splitter = function(ResourceNames.SPLITTER_FUNCTION, options.splitterTimeout(), 1024);
        LocalFunction reducer = function(ResourceNames.REDUCER_FUNCTION, options.reducerTimeout(), 2048);
        LocalFunction worker = function(ResourceNames.WORKER_FUNCTION, options.workerTimeout(), options.workerMemoryMb());
        LocalFunction apiFunction = function(ResourceNames.API_FUNCTION, options.apiTimeout(), 1024);
        LocalFunction trigger = function(ResourceNames.TRIGGER_FUNCTION, options.triggerTimeout(), 1024);
        startStepFunctions(splitter, reducer);
        startEventSources(worker, apiFunction, trigger);
        LOG.info("local runtime up in {} ms: {}", (System.nanoTime() - started) / 1_000_000, endpoints());
    }

    private void startStorageAndQueues() {
        // the two servers take seconds to start (class loading mostly): start them side by side
        CompletableFuture<EmbeddedSqs> sqsStart = CompletableFuture.supplyAsync(
                () -> EmbeddedSqs.start(options.sqsPort()), LocalRuntime::runDaemon);
        try {
            s3Server = own(EmbeddedS3.start(options.dataDir() == null ? null : options.dataDir().resolve("s3"),
                    options.s3Port()));
        } finally {
            sqsServer = own(join(sqsStart));
        }
        // the runtime's own clients: the functions' settings minus the names not known yet
        clients = own(AwsClients.from(baseEnvironment()));
        createBuckets();
        createQueues();
    }

    /** The engine (tasks call the splitter and reducer in-process), its API endpoint, the handlers, the machine. */
    private void startStepFunctions(LocalFunction splitter, LocalFunction reducer) {
        // the state machine ARN follows from its name, so the functions' environment is complete up front
        stateMachineArn = "arn:aws:states:" + options.region() + ":" + options.accountId() + ":stateMachine:"
                + ResourceNames.STATE_MACHINE;
        AslEngine engine = own(AslEngine.builder().region(options.region()).accountId(options.accountId())
                .integrations(LocalIntegrations.create(Map.of(
                        ResourceNames.SPLITTER_FUNCTION, payload -> splitter.invoke(ctx -> functions.split(payload, ctx)),
                        ResourceNames.REDUCER_FUNCTION, payload -> reducer.invoke(ctx -> functions.reduce(payload, ctx))),
                        clients.sqs(), clients.s3()))
                .build());
        StepFunctionsService service = new StepFunctionsService(engine);
        sfnServer = own(StepFunctionsServer.start(service, options.stepFunctionsPort()));
        environment = buildEnvironment();
        functions = own(new PipelineFunctions(environment));

        String created = service.createStateMachine(ResourceNames.STATE_MACHINE, definition(),
                "arn:aws:iam::" + options.accountId() + ":role/fanout-state-machine", StateMachineType.STANDARD).arn();
        if (!created.equals(stateMachineArn)) {
            throw new IllegalStateException("state machine ARN " + created + " differs from " + stateMachineArn);
        }
    }

    /** What invokes the other functions: the queue's event source mapping, the REST API, the upload trigger. */
    private void startEventSources(LocalFunction worker, LocalFunction apiFunction, LocalFunction trigger) {
        String queueArn = clients.sqs().getQueueAttributes(r -> r.queueUrl(workQueueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        own(SqsEventSourceMapping.start(clients.sqs(), workQueueUrl, queueArn, options.region(), worker,
                (event, ctx) -> functions.work(event, ctx),
                new EventSourceMappingSettings(options.workerBatchSize(), options.workerConcurrency(),
                        Duration.ofSeconds(1))));
        api = own(JobsApiServer.start(options.apiPort(), apiFunction, (event, ctx) -> functions.api(event, ctx),
                clock, options.accountId()));
        own(S3UploadWatcher.start(clients.s3(), ResourceNames.INPUT_BUCKET, ResourceNames.INCOMING_PREFIX,
                options.region(), trigger, (event, ctx) -> functions.upload(event, ctx),
                options.uploadPollInterval(), clock));
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

    private String definition() {
        return StateMachineDefinitions.render(Map.of(
                Placeholders.SplitterFunctionArn, functionArn(ResourceNames.SPLITTER_FUNCTION),
                Placeholders.ReducerFunctionArn, functionArn(ResourceNames.REDUCER_FUNCTION),
                Placeholders.WorkQueueUrl, workQueueUrl));
    }

    private String functionArn(String name) {
        return "arn:aws:lambda:" + options.region() + ":" + options.accountId() + ":function:" + name;
    }

    private LocalFunction function(String name, Duration timeout, int memoryMb) {
        return own(new LocalFunction(new FunctionConfig(name, timeout, memoryMb, options.region(),
                options.accountId()), clock));
    }

    private void createBuckets() {
        S3Client s3 = clients.s3();
        for (String bucket : new String[] {ResourceNames.INPUT_BUCKET, ResourceNames.WORK_BUCKET,
                ResourceNames.RESULTS_BUCKET}) {
            boolean exists = s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(bucket));
            if (!exists) {
                s3.createBucket(r -> r.bucket(bucket));
            }
        }
    }

    private void createQueues() {
        SqsClient sqs = clients.sqs();
        deadLetterQueueUrl = sqs.createQueue(r -> r.queueName(ResourceNames.DEAD_LETTER_QUEUE)
                .attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600"))).queueUrl();
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(deadLetterQueueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":" + options.maxReceiveCount() + "}";
        workQueueUrl = sqs.createQueue(r -> r.queueName(ResourceNames.WORK_QUEUE).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(options.visibilityTimeout().toSeconds()),
                QueueAttributeName.REDRIVE_POLICY, redrive))).queueUrl();
    }

    /** Region, credentials and endpoints: what every client needs. */
    private Map<String, String> baseEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(EnvVar.AWS_REGION.name(), options.region());
        env.put(EnvVar.AWS_ACCESS_KEY_ID.name(), "fanout");
        env.put(EnvVar.AWS_SECRET_ACCESS_KEY.name(), "fanout-local");
        env.put(EnvVar.AWS_ENDPOINT_URL_S3.name(), s3Server.endpoint().toString());
        env.put(EnvVar.AWS_ENDPOINT_URL_SQS.name(), sqsServer.endpoint().toString());
        env.put(EnvVar.S3_FORCE_PATH_STYLE.name(), "true");
        env.put(EnvVar.INPUT_BUCKET.name(), ResourceNames.INPUT_BUCKET);
        env.put(EnvVar.WORK_BUCKET.name(), ResourceNames.WORK_BUCKET);
        env.put(EnvVar.RESULTS_BUCKET.name(), ResourceNames.RESULTS_BUCKET);
        if (sfnServer != null) {
            env.put(EnvVar.AWS_ENDPOINT_URL_SFN.name(), sfnServer.endpoint().toString());
        }
        return env;
    }

    /** The functions' environment: the same {@link EnvVar} names the CDK sets, endpoints pointing here. */
    private Map<String, String> buildEnvironment() {
        Map<String, String> env = baseEnvironment();
        env.put(EnvVar.WORK_QUEUE_URL.name(), workQueueUrl);
        env.put(EnvVar.STATE_MACHINE_ARN.name(), stateMachineArn);
        env.put(EnvVar.MAX_CONCURRENCY.name(), Integer.toString(options.maxConcurrency()));
        env.put(EnvVar.HEARTBEAT_SECONDS.name(), Integer.toString(options.heartbeatSeconds()));
        env.put(EnvVar.MAX_RECEIVE_COUNT.name(), Integer.toString(options.maxReceiveCount()));
        env.put(EnvVar.WORKER_MEMORY_MB.name(), Integer.toString(options.workerMemoryMb()));
        env.put(EnvVar.DEFAULT_CHUNK_SIZE_BYTES.name(), Long.toString(8L << 20));
        env.putAll(options.extraEnvironment());
        return Map.copyOf(env);
    }

    private <T extends AutoCloseable> T own(T resource) {
        resources.push(resource);
        return resource;
    }

    public LocalRuntimeOptions options() {
        return options;
    }

    public Endpoints endpoints() {
        return new Endpoints(api.endpoint(), s3Server.endpoint(), sqsServer.endpoint(), sfnServer.endpoint());
    }

    /** The environment the functions see (EnvVar names). */
    public Map<String, String> environment() {
        return environment;
    }

    public String inputBucket() {
        return ResourceNames.INPUT_BUCKET;
    }

    public String workBucket() {
        return ResourceNames.WORK_BUCKET;
    }

    public String resultsBucket() {
        return ResourceNames.RESULTS_BUCKET;
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

    /** An S3 client for the embedded S3 (path-style, dummy credentials); closed with the runtime. */
    public S3Client s3() {
        return clients.s3();
    }

    public SqsClient sqs() {
        return clients.sqs();
    }

    /** A Step Functions client for the local endpoint. */
    public SfnClient sfn() {
        return functions.clients().sfn();
    }

    /** Stops every service in reverse order of start. */
    @Override
    public void close() {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
