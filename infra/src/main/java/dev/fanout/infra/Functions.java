package dev.fanout.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
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
 * The five functions (Java 21 on arm64, SnapStart on published versions, {@code live} aliases), their log groups,
 * their access to the buckets, and the work queue's event source mapping on the worker. Each function has its own
 * role with only what it needs; state machine permissions are granted where the state machine is wired.
 */
public final class Functions extends Construct {

    /** Alias every caller targets. */
    public static final String ALIAS = "live";

    public record FunctionsProps(Path lambdaJar, Storage storage, WorkQueue workQueue, PipelineSizing sizing) {
        public FunctionsProps {
            Objects.requireNonNull(lambdaJar, "lambdaJar");
            Objects.requireNonNull(storage, "storage");
            Objects.requireNonNull(workQueue, "workQueue");
            Objects.requireNonNull(sizing, "sizing");
        }
    }

    private final Map<PipelineFunction, LiveFunction> functions = new EnumMap<>(PipelineFunction.class);

    public Functions(Construct scope, String id, FunctionsProps props) {
        super(scope, id);
        Code code = Code.fromAsset(props.lambdaJar().toString());
        Map<String, String> environment = environment(props);
        for (PipelineFunction f : PipelineFunction.values()) {
            functions.put(f, create(f, code, environment, props.sizing()));
        }
        grantStorage(props.storage());
        suppressFindings();
        get(PipelineFunction.WORKER).alias().addEventSource(new SqsEventSource(props.workQueue().queue(),
                SqsEventSourceProps.builder()
                        .batchSize(props.sizing().workerBatchSize())
                        .maxConcurrency(props.sizing().workerMaxConcurrency())
                        .reportBatchItemFailures(true)
                        .build()));
    }

    private LiveFunction create(PipelineFunction f, Code code, Map<String, String> environment,
                                PipelineSizing sizing) {
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
                .description(f.description())
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(f.handler())
                .code(code)
                .memorySize(f.memoryMb(sizing))
                .timeout(Duration.seconds(f.timeoutSeconds(sizing)))
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(environment)
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

    /** The settings every function reads through {@code PipelineSettings.fromEnv}. */
    private static Map<String, String> environment(FunctionsProps props) {
        return FunctionEnvironment.common(new FunctionEnvironment.Names(
                props.storage().input().getBucketName(),
                props.storage().work().getBucketName(),
                props.storage().results().getBucketName(),
                props.workQueue().queue().getQueueUrl()), props.sizing());
    }

    /** Bucket access per function: reads where it reads, writes only under the prefixes it writes. */
    private void grantStorage(Storage storage) {
        String jobs = Storage.WORK_PREFIX + "*";
        Function splitter = get(PipelineFunction.SPLITTER).function();
        storage.input().grantRead(splitter);
        storage.work().grantPut(splitter, jobs);

        Function worker = get(PipelineFunction.WORKER).function();
        storage.input().grantRead(worker);
        storage.work().grantReadWrite(worker, jobs);

        Function reducer = get(PipelineFunction.REDUCER).function();
        storage.work().grantRead(reducer, jobs);
        storage.results().grantReadWrite(reducer, Storage.RESULTS_PREFIX + "*");

        Function api = get(PipelineFunction.API).function();
        storage.input().grantRead(api);
        storage.input().grantPut(api, Storage.INLINE_PREFIX + "*");
        storage.results().grantRead(api, Storage.RESULTS_PREFIX + "*");

        Function trigger = get(PipelineFunction.S3_TRIGGER).function();
        storage.input().grantRead(trigger);
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
                NagFindings.anyInputKey(), NagFindings.jobKeys("Work", Storage.WORK_PREFIX));
        NagFindings.suppress(role(PipelineFunction.WORKER), NagFindings.bucketGrantActions(),
                NagFindings.anyInputKey(), NagFindings.jobKeys("Work", Storage.WORK_PREFIX));
        NagFindings.suppress(role(PipelineFunction.REDUCER), NagFindings.bucketGrantActions(),
                NagFindings.jobKeys("Work", Storage.WORK_PREFIX), NagFindings.jobKeys("Results", Storage.RESULTS_PREFIX));
        NagFindings.suppress(role(PipelineFunction.API), NagFindings.bucketGrantActions(),
                NagFindings.anyInputKey(), NagFindings.jobKeys("Input", Storage.INLINE_PREFIX),
                NagFindings.jobKeys("Results", Storage.RESULTS_PREFIX));
        NagFindings.suppress(role(PipelineFunction.S3_TRIGGER), NagFindings.bucketGrantActions(),
                NagFindings.anyInputKey());
    }

    private IConstruct role(PipelineFunction f) {
        return get(f).function().getRole();
    }

    public LiveFunction get(PipelineFunction f) {
        return functions.get(f);
    }

    public Map<PipelineFunction, LiveFunction> all() {
        return Map.copyOf(functions);
    }
}
