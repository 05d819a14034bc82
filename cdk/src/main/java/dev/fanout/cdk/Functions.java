package dev.fanout.cdk;

import dev.fanout.deployment.DataBucket;
import dev.fanout.deployment.DeployedResources;
import dev.fanout.deployment.Deployment;
import dev.fanout.deployment.EventSourceMappingSpec;
import dev.fanout.deployment.FunctionSpec;
import dev.fanout.deployment.PipelineFunction;
import dev.fanout.deployment.StoragePrefix;
import io.github.cdklabs.cdknag.NagPackSuppression;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.ILayerVersion;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.SystemLogLevel;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The five functions of the contract's function table (Java 21 on arm64, SnapStart on published versions,
 * {@code live} aliases) with the contract's environment, their log groups, their access to the buckets, the work
 * queue's event source mapping on the worker and the worker's own use of the queues (backoff, dead-lettering). Each function has its own role with only what it needs; state
 * machine permissions are granted where the state machine is wired.
 */
public final class Functions extends Construct {

    /** Alias every caller targets. */
    public static final String ALIAS = FunctionSpec.ALIAS;

    /**
     * @param stateMachineArn the pipeline state machine's ARN, for the functions that start executions; a token
     *                        that resolves once the state machine exists (e.g. {@code Lazy.string(...)})
     * @param enabled         the functions of the contract's table to create (the splitter, worker and reducer
     *                        always; the API and upload trigger functions only with their entry points)
     * @param layers          layers every function gets, e.g. the job types' code ({@link JobsLayer})
     */
    public record FunctionsProps(Path lambdaJar, Storage storage, WorkQueue workQueue, Deployment deployment,
                                 String stateMachineArn, Set<PipelineFunction> enabled, List<ILayerVersion> layers) {
        public FunctionsProps {
            Objects.requireNonNull(lambdaJar, "lambdaJar");
            Objects.requireNonNull(storage, "storage");
            Objects.requireNonNull(workQueue, "workQueue");
            Objects.requireNonNull(deployment, "deployment");
            Objects.requireNonNull(stateMachineArn, "stateMachineArn");
            enabled = Set.copyOf(enabled);
            layers = List.copyOf(layers);
            for (PipelineFunction required : List.of(PipelineFunction.SPLITTER, PipelineFunction.WORKER,
                    PipelineFunction.REDUCER)) {
                if (!enabled.contains(required)) {
                    throw new IllegalArgumentException("the pipeline cannot run without its " + required.id());
                }
            }
        }

        /** All five functions, no layers. */
        public FunctionsProps(Path lambdaJar, Storage storage, WorkQueue workQueue, Deployment deployment,
                              String stateMachineArn) {
            this(lambdaJar, storage, workQueue, deployment, stateMachineArn, EnumSet.allOf(PipelineFunction.class),
                    List.of());
        }
    }

    private final Map<PipelineFunction, LiveFunction> functions = new EnumMap<>(PipelineFunction.class);

    public Functions(Construct scope, String id, FunctionsProps props) {
        super(scope, id);
        Code code = Code.fromAsset(props.lambdaJar().toString());
        DeployedResources resources = resources(props);
        for (FunctionSpec spec : props.deployment().functions()) {
            if (props.enabled().contains(spec.function())) {
                functions.put(spec.function(), create(spec, code,
                        props.deployment().environment(spec.function(), resources), props.layers()));
            }
        }
        grantStorage(props.storage());
        grantQueues(props.workQueue());
        suppressFindings();
        EventSourceMappingSpec esm = props.deployment().eventSourceMapping();
        get(PipelineFunction.WORKER).alias().addEventSource(new SqsEventSource(props.workQueue().queue(),
                SqsEventSourceProps.builder()
                        .batchSize(esm.batchSize())
                        .maxConcurrency(esm.maximumConcurrency())
                        .reportBatchItemFailures(esm.reportBatchItemFailures())
                        .build()));
    }

    private LiveFunction create(FunctionSpec spec, Code code, Map<String, String> environment,
                                List<ILayerVersion> layers) {
        PipelineFunction f = spec.function();
        LogGroup logs = LogGroup.Builder.create(this, f.id() + "Logs")
                .retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        // an own role without the AWSLambdaBasicExecutionRole managed policy: logs go only to this log group
        Role role = Role.Builder.create(this, f.id() + "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("fanout " + f.id() + " function")
                .build();
        logs.grantWrite(role);
        Function function = Function.Builder.create(this, f.id())
                .description(spec.description())
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(spec.handler())
                .code(code)
                .memorySize(spec.memoryMb())
                .timeout(Duration.seconds(spec.timeout().getSeconds()))
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(environment)
                .layers(layers)
                .role(role)
                .logGroup(logs)
                .loggingFormat(LoggingFormat.JSON)
                .applicationLogLevelV2(ApplicationLogLevel.INFO)
                .systemLogLevelV2(SystemLogLevel.WARN)
                .build();
        Alias alias = Alias.Builder.create(this, f.id() + "Alias")
                .aliasName(ALIAS)
                .version(function.getCurrentVersion())
                .build();
        return new LiveFunction(function, alias);
    }

    /** What the functions address, as CloudFormation will name it. */
    private static DeployedResources resources(FunctionsProps props) {
        return new DeployedResources(
                props.storage().get(DataBucket.INPUT).getBucketName(),
                props.storage().get(DataBucket.WORK).getBucketName(),
                props.storage().get(DataBucket.RESULTS).getBucketName(),
                props.workQueue().queue().getQueueUrl(),
                props.workQueue().deadLetterQueue().getQueueUrl(),
                props.stateMachineArn());
    }

    /** Bucket access per function: reads where it reads, writes only under the prefixes it writes. */
    private void grantStorage(Storage storage) {
        String jobs = StoragePrefix.WORK_DATA.pattern();
        Function splitter = get(PipelineFunction.SPLITTER).function();
        storage.input().grantRead(splitter);
        storage.work().grantPut(splitter, jobs);

        Function worker = get(PipelineFunction.WORKER).function();
        storage.input().grantRead(worker);
        storage.work().grantReadWrite(worker, jobs);
        // map-only jobs: the worker streams its part (a multipart upload: s3:PutObject, and s3:AbortMultipartUpload to
        // clean up after itself) to results/<jobId>/part-*, and writes no other key of the results bucket
        storage.results().grantPut(worker, StoragePrefix.OUTPUT_PARTS.pattern());

        Function reducer = get(PipelineFunction.REDUCER).function();
        storage.work().grantRead(reducer, jobs);
        // its combine tasks write jobs/<jobId>/combined/<group>, and no other key of the work bucket
        storage.work().grantPut(reducer, StoragePrefix.COMBINED_PARTIALS.pattern());
        storage.results().grantReadWrite(reducer, StoragePrefix.RESULTS.pattern());

        if (has(PipelineFunction.API)) {
            Function api = get(PipelineFunction.API).function();
            storage.input().grantRead(api);
            storage.input().grantPut(api, StoragePrefix.INLINE_INPUTS.pattern());
            storage.results().grantRead(api, StoragePrefix.RESULTS.pattern());
        }

        if (has(PipelineFunction.S3_TRIGGER)) {
            Function trigger = get(PipelineFunction.S3_TRIGGER).function();
            storage.input().grantRead(trigger);
        }
    }

    /**
     * The worker puts a transiently failed message back for a short backoff (ChangeMessageVisibility on the work
     * queue; the event source mapping's own grant holds it too, this one says the worker needs it) and moves a chunk
     * that can never succeed to the dead-letter queue itself (SendMessage there, nothing else).
     */
    private void grantQueues(WorkQueue workQueue) {
        Function worker = get(PipelineFunction.WORKER).function();
        workQueue.queue().grant(worker, "sqs:ChangeMessageVisibility");
        workQueue.deadLetterQueue().grant(worker, "sqs:SendMessage");
    }

    private void suppressFindings() {
        for (LiveFunction live : functions.values()) {
            NagFindings.suppress(live.function(), NagPackSuppression.builder()
                    .id("AwsSolutions-L1")
                    .reason("The functions target Java 21, the project's release level and a SnapStart runtime; "
                            + "moving to a newer Java runtime is a deliberate upgrade of the whole build.")
                    .build());
            Annotations.of(live.function()).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                    "Every caller invokes the '" + ALIAS + "' alias of a published version.");
        }
        NagFindings.suppress(role(PipelineFunction.SPLITTER), NagFindings.bucketGrantActions(),
                NagFindings.anyInputKey(), NagFindings.jobKeys("Work", StoragePrefix.WORK_DATA));
        NagFindings.suppress(role(PipelineFunction.WORKER), NagFindings.bucketGrantActions(),
                NagFindings.anyInputKey(), NagFindings.jobKeys("Work", StoragePrefix.WORK_DATA),
                NagFindings.partKeys());
        NagFindings.suppress(role(PipelineFunction.REDUCER), NagFindings.bucketGrantActions(),
                NagFindings.jobKeys("Work", StoragePrefix.WORK_DATA), NagFindings.combinedKeys(),
                NagFindings.jobKeys("Results", StoragePrefix.RESULTS));
        if (has(PipelineFunction.API)) {
            NagFindings.suppress(role(PipelineFunction.API), NagFindings.bucketGrantActions(),
                    NagFindings.anyInputKey(), NagFindings.jobKeys("Input", StoragePrefix.INLINE_INPUTS),
                    NagFindings.jobKeys("Results", StoragePrefix.RESULTS));
        }
        if (has(PipelineFunction.S3_TRIGGER)) {
            NagFindings.suppress(role(PipelineFunction.S3_TRIGGER), NagFindings.bucketGrantActions(),
                    NagFindings.anyInputKey());
        }
    }

    private IConstruct role(PipelineFunction f) {
        return get(f).function().getRole();
    }

    /** {@code f}, which must be one of the functions this construct created ({@link #has}). */
    public LiveFunction get(PipelineFunction f) {
        LiveFunction live = functions.get(f);
        if (live == null) {
            throw new IllegalArgumentException("no " + f.id() + " function in this pipeline");
        }
        return live;
    }

    public boolean has(PipelineFunction f) {
        return functions.containsKey(f);
    }

    public Map<PipelineFunction, LiveFunction> all() {
        return Map.copyOf(functions);
    }
}
