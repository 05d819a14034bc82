package dev.fanout.infra;

import dev.fanout.deployment.Deployment;
import dev.fanout.deployment.PipelineFunction;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnOutputProps;
import software.amazon.awscdk.Lazy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * The whole pipeline in one stack: storage, work queue, functions, state machine, API, upload trigger and
 * monitoring, each a construct of its own, all sized and configured by the contract ({@link Deployment}).
 */
public final class FanoutStack extends Stack {

    /** Throttling of the API stage (requests per second, burst). */
    static final int API_RATE_LIMIT = 50;
    static final int API_BURST_LIMIT = 100;

    private final Deployment deployment;
    private final Storage storage;
    private final WorkQueue workQueue;
    private final Functions functions;
    private final Pipeline pipeline;
    private final Api api;
    private final Monitoring monitoring;

    public FanoutStack(Construct scope, String id, StackProps stackProps, FanoutStackProps props) {
        super(scope, id, stackProps);
        deployment = Deployment.of(props.settings());
        storage = new Storage(this, "Storage", new Storage.StorageProps(props.settings().workDataExpirationDays(),
                props.autoDeleteObjects()));
        workQueue = new WorkQueue(this, "WorkQueue", deployment.workQueue());
        // the functions that start executions are told the state machine's ARN, which exists only after them
        String stateMachineArn = Lazy.string(() -> pipeline().stateMachine().getStateMachineArn());
        functions = new Functions(this, "Functions", new Functions.FunctionsProps(props.lambdaJar(), storage,
                workQueue, deployment, stateMachineArn));
        pipeline = new Pipeline(this, "Pipeline", new Pipeline.PipelineProps(
                functions.get(PipelineFunction.SPLITTER), functions.get(PipelineFunction.REDUCER),
                functions.get(PipelineFunction.WORKER), workQueue.queue(), storage.work()));
        api = new Api(this, "Api", new Api.ApiProps(functions.get(PipelineFunction.API),
                pipeline.stateMachine(), API_RATE_LIMIT, API_BURST_LIMIT));
        new UploadTrigger(this, "UploadTrigger", new UploadTrigger.UploadTriggerProps(storage.input(),
                functions.get(PipelineFunction.S3_TRIGGER), pipeline.stateMachine()));
        monitoring = new Monitoring(this, "Monitoring", new Monitoring.MonitoringProps(workQueue.queue(),
                workQueue.deadLetterQueue(), pipeline.stateMachine(), functions.all()));
        NagFindings.suppressPlatformFindings(this);
        outputs();
    }

    private void outputs() {
        output("ApiUrl", api.restApi().getUrl(), "Base URL of the jobs API (SigV4-signed requests)");
        output("InputBucketName", storage.input().getBucketName(), "Upload to incoming/<jobType>/<name>");
        output("ResultsBucketName", storage.results().getBucketName(), "results/<jobId>/");
        output("StateMachineArn", pipeline.stateMachine().getStateMachineArn(), "One execution per job");
        output("WorkQueueUrl", workQueue.queue().getQueueUrl(), "Chunks waiting for a worker");
        output("DeadLetterQueueUrl", workQueue.deadLetterQueue().getQueueUrl(), "Chunks that failed every delivery");
        output("DashboardName", monitoring.dashboard().getDashboardName(), "CloudWatch dashboard");
    }

    private void output(String id, String value, String description) {
        new CfnOutput(this, id, CfnOutputProps.builder().value(value).description(description).build());
    }

    /** What this stack deploys, as the contract derives it from the settings. */
    public Deployment deployment() {
        return deployment;
    }

    public Storage storage() {
        return storage;
    }

    public WorkQueue workQueue() {
        return workQueue;
    }

    public Functions functions() {
        return functions;
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    public Api api() {
        return api;
    }

    public Monitoring monitoring() {
        return monitoring;
    }
}
