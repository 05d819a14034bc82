package dev.fanout.cdk;

import dev.fanout.deployment.StoragePrefix;
import dev.fanout.statemachines.Placeholders;
import dev.fanout.statemachines.StateMachineDefinitions;
import io.github.cdklabs.cdknag.NagPackSuppression;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.UniqueResourceNameOptions;
import software.amazon.awscdk.services.events.EventField;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.constructs.Construct;

/**
 * The pipeline state machine (STANDARD) from {@code statemachines/pipeline.asl.json}, with the function aliases
 * and the queue URL substituted for its placeholders, and everything it may do: invoke the splitter and reducer,
 * send to the work queue, read manifests and write Map results under {@code jobs/}, run its own child executions;
 * and the worker's right to answer task tokens.
 *
 * <p>Its log group is named under {@code /aws/vendedlogs/states/}: Step Functions adds each log group it writes to
 * into the account's CloudWatch Logs resource policy, which is limited to 5,120 characters, and log groups under
 * {@code /aws/vendedlogs/} do not need an entry there
 * (https://docs.aws.amazon.com/step-functions/latest/dg/bp-cwl.html). The rest of the name is derived from the
 * stack's name and the construct's path, so two stacks in one account never share it.
 */
public final class Pipeline extends Construct {

    public record PipelineProps(LiveFunction splitter, LiveFunction reducer, LiveFunction worker, IQueue workQueue,
                                IBucket workBucket) {
        public PipelineProps {
            Objects.requireNonNull(splitter, "splitter");
            Objects.requireNonNull(reducer, "reducer");
            Objects.requireNonNull(worker, "worker");
            Objects.requireNonNull(workQueue, "workQueue");
            Objects.requireNonNull(workBucket, "workBucket");
        }
    }

    /** Prefix of the state machine's log group name (Step Functions' logging best practice). */
    public static final String LOG_GROUP_PREFIX = "/aws/vendedlogs/states/";

    private final StateMachine stateMachine;
    private final LogGroup logs;
    private Rule failureReports;

    public Pipeline(Construct scope, String id, PipelineProps props) {
        super(scope, id);
        logs = LogGroup.Builder.create(this, "Logs")
                .logGroupName(LOG_GROUP_PREFIX + Names.uniqueResourceName(this, UniqueResourceNameOptions.builder()
                        .maxLength(200).separator("-").build()))
                .retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        // fromString inlines the definition (fromFile would ship it as an asset), so the template shows it
        stateMachine = StateMachine.Builder.create(this, "StateMachine")
                .stateMachineType(StateMachineType.STANDARD)
                .definitionBody(DefinitionBody.fromString(StateMachineDefinitions.pipeline()))
                .definitionSubstitutions(Map.of(
                        Placeholders.SplitterFunctionArn.name(), props.splitter().alias().getFunctionArn(),
                        Placeholders.ReducerFunctionArn.name(), props.reducer().alias().getFunctionArn(),
                        Placeholders.WorkQueueUrl.name(), props.workQueue().getQueueUrl()))
                .logs(LogOptions.builder()
                        .destination(logs)
                        .level(LogLevel.ERROR)
                        .includeExecutionData(false)
                        .build())
                .tracingEnabled(true)
                .build();

        props.splitter().alias().grantInvoke(stateMachine);
        props.reducer().alias().grantInvoke(stateMachine);
        props.workQueue().grantSendMessages(stateMachine);
        // the Distributed Map reads the manifest (ItemReader) and writes its children's results (ResultWriter)
        props.workBucket().grantRead(stateMachine, StoragePrefix.WORK_DATA.pattern());
        props.workBucket().grantPut(stateMachine, StoragePrefix.WORK_DATA.pattern());
        grantTaskResponses(props.worker());
        grantDistributedMap();
        reportFailures(props.reducer());
        suppressFindings();
    }

    /**
     * A job that fails stops at the state that failed (the definition catches nothing, so a redrive resumes there);
     * its failure report is written when its execution's status changes to FAILED, TIMED_OUT or ABORTED: Step
     * Functions sends that event to EventBridge for every Standard execution
     * (https://docs.aws.amazon.com/step-functions/latest/dg/cw-events.html), and this rule passes the job and its
     * execution to the reducer, which reads the error and cause with DescribeExecution. The grant is a policy of its
     * own: in the reducer's default policy it would make the state machine depend on itself.
     */
    private void reportFailures(LiveFunction reducer) {
        failureReports = Rule.Builder.create(this, "FailedJobs")
                .description("Writes the failure report of a fanout job whose execution failed, timed out or was aborted")
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.states"))
                        .detailType(List.of("Step Functions Execution Status Change"))
                        .detail(Map.of(
                                "status", List.of("FAILED", "TIMED_OUT", "ABORTED"),
                                "stateMachineArn", List.of(stateMachine.getStateMachineArn())))
                        .build())
                .build();
        failureReports.addTarget(software.amazon.awscdk.services.events.targets.LambdaFunction.Builder
                .create(reducer.alias())
                .event(RuleTargetInput.fromObject(Map.of(
                        "action", "reportFailure",
                        "jobId", EventField.fromPath("$.detail.name"),
                        "executionArn", EventField.fromPath("$.detail.executionArn"))))
                .build());
        Policy policy = Policy.Builder.create(this, "FailureReportPolicy").build();
        reducer.function().getRole().attachInlinePolicy(policy);
        stateMachine.grantExecution(policy, "states:DescribeExecution");
        NagFindings.suppress(policy, NagFindings.stateMachineChildren(
                "The reducer describes the job's execution (named by the job id) to report its failure."));
    }

    /**
     * The worker answers the Map children's task tokens. SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat
     * support no resource-level permissions (the Service Authorization Reference lists no resource type for them:
     * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsstepfunctions.html), so a grant
     * naming a state machine ARN does not allow them; the task token itself identifies the task.
     */
    private void grantTaskResponses(LiveFunction worker) {
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(worker.function())
                .actions(TASK_RESPONSE_ACTIONS)
                .resourceArns(List.of("*"))
                .build());
        NagFindings.suppress(worker.function().getRole(), NagFindings.anyResource(
                "states:SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat support no resource-level permissions; "
                        + "the worker holds only these three on every resource, and a task token names one task."));
    }

    /** What the worker may do with a task token. */
    static final List<String> TASK_RESPONSE_ACTIONS = List.of("states:SendTaskSuccess", "states:SendTaskFailure",
            "states:SendTaskHeartbeat");

    private void suppressFindings() {
        NagFindings.suppress(stateMachine, NagPackSuppression.builder()
                .id("AwsSolutions-SF1")
                .reason("Logs only errors, without execution data: a job runs one child execution per chunk, so "
                        + "ALL-level logging would cost more than the work, and payloads may carry user data. "
                        + "Each execution's history keeps the full detail.")
                .build());
        NagFindings.suppress(stateMachine.getRole(), NagFindings.bucketGrantActions(),
                NagFindings.jobKeys("Work", StoragePrefix.WORK_DATA),
                NagFindings.wildcard("Resource::\\*",
                        "X-Ray tracing (xray:PutTraceSegments, ...) and CloudWatch Logs delivery "
                                + "(logs:CreateLogDelivery, ...) do not support resource-level permissions."));
    }

    /**
     * A Distributed Map starts, describes and stops child executions of its own state machine. The statements
     * name the state machine, so they go into a separate policy: in the role's default policy they would make
     * the state machine depend on itself. (The CDK does the same for a DistributedMap built in code.)
     */
    private void grantDistributedMap() {
        Policy policy = Policy.Builder.create(this, "DistributedMapPolicy").build();
        NagFindings.suppress(policy, NagFindings.stateMachineChildren(
                "The Distributed Map describes, stops and redrives its own child executions."));
        stateMachine.getRole().attachInlinePolicy(policy);
        stateMachine.grantStartExecution(policy);
        stateMachine.grantExecution(policy, "states:DescribeExecution", "states:StopExecution");
        // child executions are named <stateMachineName>/<mapRunLabel>:<id>
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(policy)
                .actions(List.of("states:DescribeExecution", "states:StopExecution", "states:RedriveExecution"))
                .resourceArns(List.of(arn("execution", "/*")))
                .build());
    }

    /** {@code arn:<partition>:states:<region>:<account>:<resource>:<stateMachineName><suffix>}. */
    private String arn(String resource, String suffix) {
        return Stack.of(this).formatArn(ArnComponents.builder()
                .service("states")
                .resource(resource)
                .resourceName(stateMachine.getStateMachineName() + suffix)
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                .build());
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }

    public LogGroup logs() {
        return logs;
    }

    /** The EventBridge rule that sends a failed job to the reducer's failure report. */
    public Rule failureReports() {
        return failureReports;
    }
}
