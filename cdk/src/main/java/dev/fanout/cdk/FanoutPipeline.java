package dev.fanout.cdk;

import dev.fanout.deployment.Deployment;
import dev.fanout.deployment.PipelineFunction;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnOutputProps;
import software.amazon.awscdk.Lazy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.lambda.ILayerVersion;
import software.constructs.Construct;

/**
 * The whole fanout pipeline as one construct: storage, work queue, functions, state machine, jobs API, upload
 * trigger and monitoring, each a construct of its own, all sized and configured by the deployment contract
 * ({@link Deployment}) from {@link FanoutPipelineProps#settings()}. The functions run the shaded jar this artifact
 * carries; the job types of {@link FanoutPipelineProps#jobs()} reach them as a Lambda layer.
 *
 * <pre>{@code
 * App app = new App();
 * Stack stack = new Stack(app, "LineCount");
 * new FanoutPipeline(stack, "Fanout", FanoutPipelineProps.builder().jobs(Path.of("target/linecount.jar")).build());
 * Aspects.of(app).add(new AwsSolutionsChecks());   // the construct's accepted cdk-nag findings are suppressed
 * app.synth();
 * }</pre>
 *
 * <p>Its outputs, outputs of the stack named after the construct's id ({@code FanoutApiUrl} for the id
 * {@code Fanout}): {@code ApiUrl} (with the API), {@code InputBucketName}, {@code ResultsBucketName},
 * {@code StateMachineArn}, {@code WorkQueueUrl}, {@code DeadLetterQueueUrl}, {@code DashboardName}. A pipeline with the id {@code Default} keeps its resources' logical ids free of its own id,
 * as if they were the stack's own.
 */
public final class FanoutPipeline extends Construct {

    /** Throttling of the API stage (requests per second, burst). */
    public static final int API_RATE_LIMIT = 50;
    public static final int API_BURST_LIMIT = 100;

    /**
     * Feature flags the resources need: the access-log bucket is bucket-owner-enforced, which rules out the log
     * delivery ACL that S3 server access logging uses without the bucket-policy flag.
     */
    static final Map<String, Object> REQUIRED_FLAGS = Map.of("@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", true);

    private final Deployment deployment;
    private final Storage storage;
    private final WorkQueue workQueue;
    private final JobsLayer jobsLayer;
    private final Functions functions;
    private final Pipeline pipeline;
    private final Api api;
    private final UploadTrigger uploadTrigger;
    private final Monitoring monitoring;

    public FanoutPipeline(Construct scope, String id, FanoutPipelineProps props) {
        super(scope, id);
        Objects.requireNonNull(props, "props");
        // the feature flags the construct's resources are built for, whatever the app's cdk.json says (they are read
        // from the nearest scope that sets them, and must be set before the first child)
        REQUIRED_FLAGS.forEach((flag, value) -> getNode().setContext(flag, value));
        deployment = Deployment.of(props.settings());
        storage = new Storage(this, "Storage", new Storage.StorageProps(props.settings().workDataExpirationDays(),
                props.autoDeleteObjects()));
        workQueue = new WorkQueue(this, "WorkQueue", deployment.workQueue());
        jobsLayer = props.jobs() != null ? new JobsLayer(this, "Jobs", props.jobs()) : null;
        List<ILayerVersion> layers = jobsLayer != null ? List.of(jobsLayer.layer()) : List.of();
        Path lambdaJar = props.lambdaJar() != null ? props.lambdaJar() : LambdaCode.embeddedJar();
        // the functions that start executions are told the state machine's ARN, which exists only after them
        String stateMachineArn = Lazy.string(() -> pipeline().stateMachine().getStateMachineArn());
        functions = new Functions(this, "Functions", new Functions.FunctionsProps(lambdaJar, storage,
                workQueue, deployment, stateMachineArn, enabledFunctions(props), layers));
        pipeline = new Pipeline(this, "Pipeline", new Pipeline.PipelineProps(
                functions.get(PipelineFunction.SPLITTER), functions.get(PipelineFunction.REDUCER),
                functions.get(PipelineFunction.WORKER), workQueue.queue(), storage.work()));
        api = props.api() ? new Api(this, "Api", new Api.ApiProps(functions.get(PipelineFunction.API),
                pipeline.stateMachine(), API_RATE_LIMIT, API_BURST_LIMIT)) : null;
        uploadTrigger = props.uploadTrigger() ? new UploadTrigger(this, "UploadTrigger",
                new UploadTrigger.UploadTriggerProps(storage.input(), functions.get(PipelineFunction.S3_TRIGGER),
                        pipeline.stateMachine())) : null;
        monitoring = new Monitoring(this, "Monitoring", new Monitoring.MonitoringProps(workQueue.queue(),
                workQueue.deadLetterQueue(), pipeline.stateMachine(), functions.all(), props.alarmTopic()));
        NagFindings.suppressPlatformFindings(Stack.of(this));
        outputs();
    }

    private static Set<PipelineFunction> enabledFunctions(FanoutPipelineProps props) {
        Set<PipelineFunction> enabled = EnumSet.of(PipelineFunction.SPLITTER, PipelineFunction.WORKER,
                PipelineFunction.REDUCER);
        if (props.api()) {
            enabled.add(PipelineFunction.API);
        }
        if (props.uploadTrigger()) {
            enabled.add(PipelineFunction.S3_TRIGGER);
        }
        return enabled;
    }

    private void outputs() {
        if (api != null) {
            output("ApiUrl", api.restApi().getUrl(), "Base URL of the jobs API (SigV4-signed requests)");
        }
        output("InputBucketName", storage.input().getBucketName(), "Upload to incoming/<jobType>/<name>");
        output("ResultsBucketName", storage.results().getBucketName(), "results/<jobId>/");
        output("StateMachineArn", pipeline.stateMachine().getStateMachineArn(), "One execution per job");
        output("WorkQueueUrl", workQueue.queue().getQueueUrl(), "Chunks waiting for a worker");
        output("DeadLetterQueueUrl", workQueue.deadLetterQueue().getQueueUrl(), "Chunks that failed every delivery");
        output("DashboardName", monitoring.dashboard().getDashboardName(), "CloudWatch dashboard");
    }

    /**
     * An output of the stack named {@code <this construct's id><name>} ({@code <name>} alone for the id
     * {@code Default}): outputs inside this construct would get a hash in their names.
     */
    private void output(String name, String value, String description) {
        String id = getNode().getId().equals("Default") ? name : getNode().getId() + name;
        new CfnOutput(Stack.of(this), id, CfnOutputProps.builder().value(value).description(description).build());
    }

    /** What this pipeline deploys, as the contract derives it from the settings. */
    public Deployment deployment() {
        return deployment;
    }

    public Storage storage() {
        return storage;
    }

    public WorkQueue workQueue() {
        return workQueue;
    }

    /** The job types' layer, or null when the pipeline runs the built-in job types only. */
    public JobsLayer jobsLayer() {
        return jobsLayer;
    }

    public Functions functions() {
        return functions;
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    /** The jobs API, or null when {@link FanoutPipelineProps#api()} is off. */
    public Api api() {
        return api;
    }

    /** The upload trigger, or null when {@link FanoutPipelineProps#uploadTrigger()} is off. */
    public UploadTrigger uploadTrigger() {
        return uploadTrigger;
    }

    public Monitoring monitoring() {
        return monitoring;
    }
}
