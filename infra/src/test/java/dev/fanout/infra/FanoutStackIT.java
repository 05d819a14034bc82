package dev.fanout.infra;

import dev.fanout.cdk.FanoutPipeline;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.core.config.EnvVar;
import dev.fanout.deployment.ApiRoute;
import dev.fanout.deployment.DeployedResources;
import dev.fanout.deployment.Deployment;
import dev.fanout.deployment.DeploymentSettings;
import dev.fanout.deployment.FunctionSpec;
import dev.fanout.deployment.PipelineFunction;
import dev.fanout.statemachines.Placeholders;
import dev.fanout.statemachines.StateMachineDefinitions;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

/**
 * The synthesized template: one stack per class (jsii start-up is slow), with non-default settings. What the
 * template deploys must be what the contract ({@link Deployment}) says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FanoutStackIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** 250 worker invocations × 2 chunks each: the Map may keep 500 chunks in flight. */
    private final DeploymentSettings settings = DeploymentSettings.defaults().withWorkerMaxConcurrency(250)
            .withWorkerBatchSize(2).withWorkDataExpirationDays(5).withWorkerTimeout(java.time.Duration.ofSeconds(240));
    private final Deployment deployment = Deployment.of(settings);

    private FanoutStack stack;
    private Template template;
    private JsonNode resources;

    @BeforeAll
    void synthesize() {
        stack = SynthesizedStack.create(settings);
        template = Template.fromStack(stack);
        resources = MAPPER.valueToTree(template.toJSON()).get("Resources");
    }

    @Test
    void everyBucketIsEncryptedPrivateAndTlsOnly() {
        List<JsonNode> buckets = ofType("AWS::S3::Bucket");
        assertThat(buckets).hasSize(4);
        for (JsonNode bucket : buckets) {
            JsonNode p = bucket.get("Properties");
            assertThat(p.at("/BucketEncryption/ServerSideEncryptionConfiguration/0/ServerSideEncryptionByDefault"
                    + "/SSEAlgorithm").asText()).isIn("AES256", "aws:kms");
            JsonNode block = p.get("PublicAccessBlockConfiguration");
            assertThat(List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"))
                    .allMatch(flag -> block.get(flag).asBoolean());
            assertThat(bucket.get("DeletionPolicy").asText()).isEqualTo("Retain");
        }
        List<JsonNode> policies = ofType("AWS::S3::BucketPolicy");
        assertThat(policies).hasSize(4).allMatch(FanoutStackIT::deniesInsecureTransport);
    }

    @Test
    void workDataExpiresAfterTheConfiguredDays_andDataBucketsLogAccess() {
        template.hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of(
                "LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Prefix", "jobs/", "ExpirationInDays", 5, "Status", "Enabled"))))),
                "LoggingConfiguration", Match.objectLike(Map.of("LogFilePrefix", "work/")))));
        template.hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of(
                "VersioningConfiguration", Map.of("Status", "Enabled"),
                "LoggingConfiguration", Match.objectLike(Map.of("LogFilePrefix", "results/")))));
    }

    @Test
    void workQueueIsEncryptedWithTheContractsVisibilityAndRedriveToItsDeadLetterQueue() {
        String dlq = logicalId(stack.workQueue().deadLetterQueue());
        template.hasResourceProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
                "SqsManagedSseEnabled", true,
                "VisibilityTimeout", deployment.workQueue().visibilityTimeout().getSeconds(),
                "RedrivePolicy", Map.of(
                        "deadLetterTargetArn", Map.of("Fn::GetAtt", List.of(dlq, "Arn")),
                        "maxReceiveCount", deployment.workQueue().maxReceiveCount()))));
        template.hasResourceProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
                "SqsManagedSseEnabled", true,
                "MessageRetentionPeriod", deployment.workQueue().deadLetterRetention().getSeconds())));
        assertThat(ofType("AWS::SQS::QueuePolicy")).hasSize(2).allMatch(FanoutStackIT::deniesInsecureTransport);
        // by hand: 6 × 240 s, the stack's 3 deliveries, 14 days
        assertThat(deployment.workQueue().visibilityTimeout()).hasSeconds(1440);
    }

    /** Every function as the contract's function table has it: handler, memory, timeout, description, runtime. */
    @Test
    void functionsAreTheContractsFunctionTable() {
        for (FunctionSpec spec : deployment.functions()) {
            JsonNode p = functionResource(spec.function()).get("Properties");
            assertThat(p.get("MemorySize").asInt()).as(spec.function().name()).isEqualTo(spec.memoryMb());
            assertThat(p.get("Timeout").asLong()).as(spec.function().name()).isEqualTo(spec.timeout().getSeconds());
            assertThat(p.get("Description").asText()).as(spec.function().name()).isEqualTo(spec.description());
            assertThat(p.get("Runtime").asText()).isEqualTo(FunctionSpec.RUNTIME);
            assertThat(p.get("Architectures")).containsExactly(MAPPER.getNodeFactory().textNode(FunctionSpec.ARCHITECTURE));
            assertThat(p.at("/SnapStart/ApplyOn").asText()).isEqualTo("PublishedVersions");
            assertThat(p.at("/LoggingConfig/LogFormat").asText()).isEqualTo("JSON");
        }
        assertThat(ofType("AWS::Lambda::Function").stream()
                .filter(f -> f.at("/Properties/Handler").asText().startsWith("dev.fanout.lambda.")))
                .hasSize(PipelineFunction.values().length);
        assertThat(ofType("AWS::Lambda::Alias"))
                .hasSize(PipelineFunction.values().length)
                .allMatch(alias -> alias.at("/Properties/Name").asText().equals(FunctionSpec.ALIAS));
        // by hand: the splitter scans whole JSON arrays (15 minutes), the worker has this test's 240 s
        assertThat(functionResource(PipelineFunction.SPLITTER).at("/Properties/Timeout").asInt()).isEqualTo(900);
        assertThat(functionResource(PipelineFunction.WORKER).at("/Properties/Timeout").asInt()).isEqualTo(240);
    }

    /**
     * Each function's environment has exactly the contract's keys; numbers are the contract's, names refer to the
     * stack's own bucket, queue and state machine.
     */
    @Test
    void eachFunctionsEnvironmentIsTheContracts() {
        Map<String, JsonNode> refs = Map.of(
                "<input>", ref(stack.storage().input()), "<work>", ref(stack.storage().work()),
                "<results>", ref(stack.storage().results()), "<queue>", ref(stack.workQueue().queue()),
                "<dead-letter queue>", ref(stack.workQueue().deadLetterQueue()),
                "<state machine>", ref(stack.pipeline().stateMachine()));
        DeployedResources placeholders = new DeployedResources("<input>", "<work>", "<results>", "<queue>",
                "<dead-letter queue>", "<state machine>");
        for (PipelineFunction f : PipelineFunction.values()) {
            Map<String, String> expected = deployment.environment(f, placeholders);
            JsonNode actual = functionResource(f).at("/Properties/Environment/Variables");

            assertThat(names(actual)).as(f.name()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            expected.forEach((key, value) -> assertThat(actual.get(key)).as(f + " " + key)
                    .isEqualTo(refs.containsKey(value) ? refs.get(value) : MAPPER.getNodeFactory().textNode(value)));
        }
        // by hand: 250 × 2 chunks in flight; 120 s + 49 s for the mapping to grow from 5 to 250 batches
        JsonNode worker = functionResource(PipelineFunction.WORKER).at("/Properties/Environment/Variables");
        assertThat(worker.get(EnvVar.MAX_CONCURRENCY.name()).asText()).isEqualTo("500");
        assertThat(worker.get(EnvVar.HEARTBEAT_SECONDS.name()).asText()).isEqualTo("169");
        assertThat(worker.get(EnvVar.REDUCER_MEMORY_MB.name()).asText()).isEqualTo("2048");
        assertThat(worker.get(EnvVar.REDUCER_MAX_PARTIALS.name()).asText()).isEqualTo("6000");
        assertThat(worker.get("POWERTOOLS_SERVICE_NAME").asText()).isEqualTo("fanout");
    }

    @Test
    void workerEventSourceReportsBatchItemFailuresWithBoundedConcurrency() {
        template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Match.objectLike(Map.of(
                "EventSourceArn", Map.of("Fn::GetAtt", List.of(logicalId(stack.workQueue().queue()), "Arn")),
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                "ScalingConfig", Map.of("MaximumConcurrency", deployment.eventSourceMapping().maximumConcurrency()),
                "BatchSize", deployment.eventSourceMapping().batchSize())));
        assertThat(deployment.eventSourceMapping().maximumConcurrency()).isEqualTo(250);
    }

    @Test
    void stateMachineIsTheDistributedPipelineWithEveryPlaceholderSubstituted() throws Exception {
        JsonNode sm = ofType("AWS::StepFunctions::StateMachine").get(0).get("Properties");
        assertThat(sm.get("StateMachineType").asText()).isEqualTo("STANDARD");
        JsonNode substitutions = sm.get("DefinitionSubstitutions");
        assertThat(names(substitutions)).containsExactlyInAnyOrderElementsOf(
                Stream.of(Placeholders.values()).map(Enum::name).toList());
        assertThat(substitutions.get("SplitterFunctionArn").get("Ref").asText())
                .isEqualTo(logicalId(stack.functions().get(PipelineFunction.SPLITTER).alias()));
        assertThat(substitutions.get("ReducerFunctionArn").get("Ref").asText())
                .isEqualTo(logicalId(stack.functions().get(PipelineFunction.REDUCER).alias()));
        assertThat(substitutions.get("WorkQueueUrl").get("Ref").asText())
                .isEqualTo(logicalId(stack.workQueue().queue()));

        // what CloudFormation will run: the definition with the substitutions applied
        Map<Placeholders, String> values = new EnumMap<>(Placeholders.class);
        for (Placeholders p : Placeholders.values()) {
            values.put(p, "<" + substitutions.get(p.name()).get("Ref").asText() + ">");
        }
        JsonNode definition = MAPPER.readTree(
                StateMachineDefinitions.render(sm.get("DefinitionString").asText(), values));
        JsonNode states = definition.get("States");
        assertThat(states.at("/SplitInput/Parameters/FunctionName").asText())
                .isEqualTo("<" + logicalId(stack.functions().get(PipelineFunction.SPLITTER).alias()) + ">");
        assertThat(states.at("/ProcessChunks/ItemProcessor/ProcessorConfig/Mode").asText()).isEqualTo("DISTRIBUTED");
        assertThat(states.at("/ProcessChunks/ItemProcessor/States/ProcessChunk/Parameters/QueueUrl").asText())
                .isEqualTo("<" + logicalId(stack.workQueue().queue()) + ">");

        assertThat(states.path("Done").has("OutputPath")).isFalse();

        assertThat(sm.at("/LoggingConfiguration/Level").asText()).isEqualTo("ERROR");
        assertThat(sm.at("/LoggingConfiguration/IncludeExecutionData").asBoolean()).isFalse();
        assertThat(sm.at("/TracingConfiguration/Enabled").asBoolean()).isTrue();
    }

    @Test
    void stateMachineMayInvokeTheAliases_sendToTheQueue_useTheWorkBucket_andRunItsOwnChildExecutions() {
        List<JsonNode> statements = statementsOfRoleOf(stack.pipeline().stateMachine().getRole());
        String sm = logicalId(stack.pipeline().stateMachine());
        assertThat(statements).anyMatch(s -> actions(s).contains("lambda:InvokeFunction")
                && s.get("Resource").toString().contains(
                        logicalId(stack.functions().get(PipelineFunction.SPLITTER).alias())));
        assertThat(statements).anyMatch(s -> actions(s).contains("sqs:SendMessage")
                && s.get("Resource").toString().contains(logicalId(stack.workQueue().queue())));
        assertThat(statements).anyMatch(s -> actions(s).contains("states:StartExecution")
                && s.get("Resource").equals(MAPPER.valueToTree(Map.of("Ref", sm))));
        assertThat(statements).anyMatch(s -> actions(s).containsAll(
                List.of("states:DescribeExecution", "states:StopExecution")));
        assertThat(statements).anyMatch(s -> actions(s).contains("s3:GetObject*")
                && s.get("Resource").toString().contains("/jobs/*"));
        assertThat(statements).anyMatch(s -> actions(s).contains("s3:PutObject")
                && s.get("Resource").toString().contains("/jobs/*"));
    }

    /** SendTask* support no resource-level permissions: granted on "*", alone, and nowhere else. */
    @Test
    void workerMayAnswerTaskTokensOnAnyResource_andNothingElseOnAnyResource() {
        List<String> taskActions = List.of("states:SendTaskSuccess", "states:SendTaskFailure",
                "states:SendTaskHeartbeat");
        List<JsonNode> worker = statementsOfRoleOf(stack.functions().get(PipelineFunction.WORKER).function().getRole());
        assertThat(worker).anyMatch(s -> actions(s).containsAll(taskActions) && s.get("Resource").asText().equals("*"));
        assertThat(worker).filteredOn(s -> actions(s).stream().anyMatch(taskActions::contains))
                .allMatch(s -> s.get("Resource").isTextual() && s.get("Resource").asText().equals("*"));
        assertThat(worker).filteredOn(s -> s.get("Resource").isTextual() && s.get("Resource").asText().equals("*"))
                .allMatch(s -> taskActions.containsAll(actions(s)));
        for (JsonNode policy : ofType("AWS::IAM::Policy")) {
            policy.at("/Properties/PolicyDocument/Statement").forEach(s -> {
                if (actions(s).stream().anyMatch(taskActions::contains)) {
                    assertThat(s.get("Resource").asText()).as(s.toString()).isEqualTo("*");
                }
            });
        }
    }

    /**
     * A map-only job's worker streams its part to results/<jobId>/part-*: it may put (and abort the multipart upload
     * of) those keys of the results bucket, and read or write nothing else there; the reducer, which lists the parts
     * and writes the manifest, may read and write under results/.
     */
    @Test
    void workerMayWriteOnlyOutputPartsToTheResultsBucket_andTheReducerListsThem() {
        String results = logicalId(stack.storage().results());
        List<JsonNode> worker = statementsOfRoleOf(stack.functions().get(PipelineFunction.WORKER).function().getRole())
                .stream().filter(s -> s.get("Resource").toString().contains(results)).toList();
        assertThat(worker).isNotEmpty().allSatisfy(s -> {
            assertThat(actions(s)).contains("s3:PutObject", "s3:Abort*")
                    .noneMatch(a -> a.startsWith("s3:Get") || a.startsWith("s3:List") || a.startsWith("s3:Delete"));
            assertThat(s.get("Resource").toString()).contains("/results/*/part-*")
                    .doesNotContain("/results/*\"");
        });
        List<JsonNode> reducer = statementsOfRoleOf(stack.functions().get(PipelineFunction.REDUCER).function()
                .getRole()).stream().filter(s -> s.get("Resource").toString().contains(results)).toList();
        assertThat(reducer).anyMatch(s -> actions(s).contains("s3:List*"));
        assertThat(reducer).anyMatch(s -> actions(s).contains("s3:PutObject")
                && s.get("Resource").toString().contains("/results/*"));
    }

    /**
     * The reducer reads the work bucket and writes only its combine tasks' combined partials there
     * (jobs/<jobId>/combined/*): no put on the manifest, the partials or the failure records.
     */
    @Test
    void reducerMayWriteOnlyCombinedPartialsToTheWorkBucket() {
        String work = logicalId(stack.storage().work());
        List<JsonNode> reducer = statementsOfRoleOf(stack.functions().get(PipelineFunction.REDUCER).function()
                .getRole()).stream().filter(s -> s.get("Resource").toString().contains(work)).toList();
        List<JsonNode> puts = reducer.stream().filter(s -> actions(s).contains("s3:PutObject")).toList();
        assertThat(puts).isNotEmpty().allSatisfy(s -> {
            assertThat(s.get("Resource").toString()).contains("/jobs/*/combined/*").doesNotContain("/jobs/*\"");
            assertThat(actions(s)).noneMatch(a -> a.startsWith("s3:Delete"));
        });
        assertThat(reducer).anyMatch(s -> actions(s).contains("s3:GetObject*")
                && s.get("Resource").toString().contains("/jobs/*"));
    }

    /** Every bucket aborts incomplete multipart uploads (a worker that died mid-part leaves one) after a day. */
    @Test
    void everyDataBucketAbortsIncompleteMultipartUploads() {
        for (IConstruct bucket : List.<IConstruct>of(stack.storage().input(), stack.storage().work(),
                stack.storage().results())) {
            JsonNode rules = resource(logicalId(bucket)).at("/Properties/LifecycleConfiguration/Rules");
            assertThat(rules.findValues("AbortIncompleteMultipartUpload")).as(logicalId(bucket))
                    .anyMatch(r -> r.path("DaysAfterInitiation").asInt() == 1);
        }
    }

    /** The worker backs off on the work queue and dead-letters itself: SendMessage on the DLQ only. */
    @Test
    void workerMayPutMessagesBackOnTheWorkQueue_andSendOnlyToTheDeadLetterQueue() {
        List<JsonNode> worker = statementsOfRoleOf(stack.functions().get(PipelineFunction.WORKER).function().getRole());
        String queueArn = MAPPER.valueToTree(Map.of("Fn::GetAtt",
                List.of(logicalId(stack.workQueue().queue()), "Arn"))).toString();
        String dlqArn = MAPPER.valueToTree(Map.of("Fn::GetAtt",
                List.of(logicalId(stack.workQueue().deadLetterQueue()), "Arn"))).toString();
        assertThat(worker).anyMatch(s -> actions(s).contains("sqs:ChangeMessageVisibility")
                && s.get("Resource").toString().equals(queueArn));
        assertThat(worker).anyMatch(s -> actions(s).equals(List.of("sqs:SendMessage"))
                && s.get("Resource").toString().equals(dlqArn));
        assertThat(worker).filteredOn(s -> actions(s).contains("sqs:SendMessage"))
                .allMatch(s -> s.get("Resource").toString().equals(dlqArn));
        assertThat(worker).filteredOn(s -> s.get("Resource").toString().equals(dlqArn))
                .allMatch(s -> actions(s).equals(List.of("sqs:SendMessage")));
    }

    @Test
    void apiMayStartDescribeAndRedriveJobs() {
        List<JsonNode> api = statementsOfRoleOf(stack.functions().get(PipelineFunction.API).function().getRole());
        assertThat(api).anyMatch(s -> actions(s).contains("states:StartExecution"));
        assertThat(api).anyMatch(s -> actions(s).contains("states:DescribeExecution"));
        assertThat(api).anyMatch(s -> actions(s).contains("states:DescribeMapRun"));
        // RedriveExecution is an action on the state machine's executions, not on every resource
        assertThat(api).filteredOn(s -> actions(s).contains("states:RedriveExecution")).singleElement()
                .satisfies(s -> assertThat(s.get("Resource").toString()).contains(":execution:")
                        .contains(logicalId(stack.pipeline().stateMachine())));
    }

    /**
     * Nothing in the definition catches a failure, so the failure report comes from the execution's status change:
     * an EventBridge rule for this state machine's FAILED, TIMED_OUT and ABORTED executions invokes the reducer's
     * alias with the job and its execution, and the reducer may describe the execution.
     */
    @Test
    void aFailedJobsStatusChangeSendsItToTheReducersFailureReport() {
        JsonNode rule = resource(logicalId(stack.pipeline().failureReports()));
        JsonNode pattern = rule.at("/Properties/EventPattern");
        assertThat(pattern.at("/source/0").asText()).isEqualTo("aws.states");
        assertThat(pattern.at("/detail-type/0").asText()).isEqualTo("Step Functions Execution Status Change");
        assertThat(pattern.at("/detail/status").toString()).isEqualTo("[\"FAILED\",\"TIMED_OUT\",\"ABORTED\"]");
        assertThat(pattern.at("/detail/stateMachineArn/0").toString())
                .contains(logicalId(stack.pipeline().stateMachine()));
        JsonNode target = rule.at("/Properties/Targets/0");
        assertThat(target.at("/Arn").toString())
                .contains(logicalId(stack.functions().get(PipelineFunction.REDUCER).alias()));
        String input = target.at("/InputTransformer/InputTemplate").asText();
        assertThat(input).contains("\"action\":\"reportFailure\"").contains("\"jobId\":<detail-name>")
                .contains("\"executionArn\":<detail-executionArn>");
        assertThat(target.at("/InputTransformer/InputPathsMap/detail-name").asText()).isEqualTo("$.detail.name");
        List<JsonNode> reducer = statementsOfRoleOf(
                stack.functions().get(PipelineFunction.REDUCER).function().getRole());
        assertThat(reducer).anyMatch(s -> actions(s).equals(List.of("states:DescribeExecution"))
                && s.get("Resource").toString().contains(":execution:"));
    }

    /** Step Functions' logging best practice, with a name of this stack's own. */
    @Test
    void stateMachineLogsGoToAVendedLogsGroupNamedAfterTheStack() {
        JsonNode group = resource(logicalId(stack.pipeline().logs()));
        String name = group.at("/Properties/LogGroupName").asText();
        assertThat(name).startsWith("/aws/vendedlogs/states/").contains(stack.getStackName());
        JsonNode sm = ofType("AWS::StepFunctions::StateMachine").get(0).get("Properties");
        assertThat(sm.at("/LoggingConfiguration/Destinations/0/CloudWatchLogsLogGroup/LogGroupArn").toString())
                .contains(logicalId(stack.pipeline().logs()));
    }

    @Test
    void noPolicyGrantsS3OrSqsActionsOnEveryResource() {
        List<String> offending = new ArrayList<>();
        for (JsonNode policy : ofType("AWS::IAM::Policy")) {
            for (JsonNode s : policy.at("/Properties/PolicyDocument/Statement")) {
                boolean dataAction = actions(s).stream().anyMatch(a -> a.startsWith("s3:") || a.startsWith("sqs:"));
                boolean anyResource = s.get("Resource").isTextual() && s.get("Resource").asText().equals("*")
                        || s.get("Resource").isArray() && s.get("Resource").toString().contains("\"*\"");
                if (dataAction && anyResource) {
                    offending.add(s.toString());
                }
            }
        }
        assertThat(offending).isEmpty();
    }

    @Test
    void everyApiMethodIsAContractRoute_requiresIamAuthorization_andProxiesToTheApiAlias() {
        List<JsonNode> methods = ofType("AWS::ApiGateway::Method");
        assertThat(methods).extracting(m -> m.at("/Properties/HttpMethod").asText() + " " + resourcePath(m))
                .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(ApiRoute.values())
                        .map(r -> r.method() + " " + r.resource()).toList());
        assertThat(methods).allMatch(m -> m.at("/Properties/AuthorizationType").asText().equals("AWS_IAM"));
        assertThat(methods).allMatch(m -> m.at("/Properties/Integration/Type").asText().equals("AWS_PROXY"));
        assertThat(methods).allMatch(m -> m.at("/Properties/RequestValidatorId").isObject());
        template.hasResourceProperties("AWS::ApiGateway::Stage", Match.objectLike(Map.of(
                "StageName", ApiRoute.STAGE)));
        template.hasResourceProperties("AWS::ApiGateway::Stage", Match.objectLike(Map.of(
                "AccessLogSetting", Match.objectLike(Map.of("DestinationArn", Match.anyValue())),
                "MethodSettings", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "ThrottlingRateLimit", FanoutPipeline.API_RATE_LIMIT,
                        "ThrottlingBurstLimit", FanoutPipeline.API_BURST_LIMIT)))))));
    }

    @Test
    void uploadsUnderIncomingTriggerTheS3TriggerAlias() {
        template.hasResourceProperties("Custom::S3BucketNotifications", Match.objectLike(Map.of(
                "BucketName", Map.of("Ref", logicalId(stack.storage().input())),
                "NotificationConfiguration", Map.of("LambdaFunctionConfigurations", List.of(Map.of(
                        "Events", List.of("s3:ObjectCreated:*"),
                        "Filter", Map.of("Key", Map.of("FilterRules",
                                List.of(Map.of("Name", "prefix", "Value", "incoming/")))),
                        "LambdaFunctionArn", Map.of("Ref",
                                logicalId(stack.functions().get(PipelineFunction.S3_TRIGGER).alias()))))))));
    }

    @Test
    void alarmsFireOnTheFirstDeadLetterAndTheFirstFailedJob() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "Namespace", "AWS/SQS",
                "MetricName", "ApproximateNumberOfMessagesVisible",
                "Dimensions", List.of(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt",
                        List.of(logicalId(stack.workQueue().deadLetterQueue()), "QueueName")))),
                "Threshold", 1,
                "ComparisonOperator", "GreaterThanOrEqualToThreshold")));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "Namespace", "AWS/States",
                "MetricName", "ExecutionsFailed",
                "Dimensions", List.of(Map.of("Name", "StateMachineArn",
                        "Value", Map.of("Ref", logicalId(stack.pipeline().stateMachine())))),
                "Threshold", 1,
                "ComparisonOperator", "GreaterThanOrEqualToThreshold")));
        assertThat(ofType("AWS::CloudWatch::Dashboard")).hasSize(1);
    }

    @Test
    void outputsNameEverythingAUserNeeds() {
        for (String output : List.of("ApiUrl", "InputBucketName", "ResultsBucketName", "StateMachineArn",
                "WorkQueueUrl", "DeadLetterQueueUrl", "DashboardName")) {
            template.hasOutput(output, Match.objectLike(Map.of("Value", Match.anyValue())));
        }
    }

    @Test
    void nothingHasAFixedPhysicalName() {
        Map<String, String> nameProperties = Map.of("AWS::S3::Bucket", "BucketName", "AWS::SQS::Queue", "QueueName",
                "AWS::Lambda::Function", "FunctionName", "AWS::StepFunctions::StateMachine", "StateMachineName",
                "AWS::IAM::Role", "RoleName", "AWS::CloudWatch::Dashboard", "DashboardName");
        nameProperties.forEach((type, property) ->
                assertThat(ofType(type)).as(type).noneMatch(r -> r.path("Properties").has(property)));
    }

    // --- helpers ---

    private JsonNode functionResource(PipelineFunction f) {
        return resource(logicalId(stack.functions().get(f).function()));
    }

    private JsonNode resource(String logicalId) {
        JsonNode r = resources.get(logicalId);
        assertThat(r).as(logicalId).isNotNull();
        return r;
    }

    private JsonNode ref(IConstruct construct) {
        return MAPPER.valueToTree(Map.of("Ref", logicalId(construct)));
    }

    /** The path of an API method's resource, e.g. /jobs/{jobId}, from the PathPart chain. */
    private String resourcePath(JsonNode method) {
        StringBuilder path = new StringBuilder();
        JsonNode id = method.at("/Properties/ResourceId/Ref");
        while (!id.isMissingNode()) {
            JsonNode r = resource(id.asText());
            path.insert(0, "/" + r.at("/Properties/PathPart").asText());
            id = r.at("/Properties/ParentId/Ref");
        }
        return path.toString();
    }

    private List<JsonNode> ofType(String type) {
        List<JsonNode> out = new ArrayList<>();
        resources.forEach(r -> {
            if (r.get("Type").asText().equals(type)) {
                out.add(r);
            }
        });
        return out;
    }

    private String logicalId(IConstruct construct) {
        IConstruct element = construct instanceof CfnElement ? construct : construct.getNode().getDefaultChild();
        return (String) Stack.of(construct).resolve(stack.getLogicalId((CfnElement) element));
    }

    /** Statements of every IAM policy attached to {@code role}. */
    private List<JsonNode> statementsOfRoleOf(IConstruct role) {
        String roleId = logicalId(role);
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode policy : ofType("AWS::IAM::Policy")) {
            if (policy.at("/Properties/Roles").toString().contains("\"" + roleId + "\"")) {
                policy.at("/Properties/PolicyDocument/Statement").forEach(out::add);
            }
        }
        return out;
    }

    private static List<String> actions(JsonNode statement) {
        JsonNode a = statement.get("Action");
        if (a.isTextual()) {
            return List.of(a.asText());
        }
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static boolean deniesInsecureTransport(JsonNode policy) {
        return policy.at("/Properties/PolicyDocument/Statement").findValues("Condition").stream()
                .map(JsonNode::toString)
                .collect(Collectors.joining())
                .contains("{\"Bool\":{\"aws:SecureTransport\":\"false\"}}");
    }
}
