package dev.fanout.tests.localstack;

import dev.fanout.core.pipeline.Keys;
import dev.fanout.infra.Api;
import dev.fanout.infra.Functions;
import dev.fanout.infra.PipelineFunction;
import dev.fanout.infra.PipelineSizing;
import dev.fanout.infra.WorkQueue;
import dev.fanout.statemachines.Placeholders;
import dev.fanout.statemachines.StateMachineDefinitions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.awaitility.Awaitility;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.FilterRule;
import software.amazon.awssdk.services.s3.model.LambdaFunctionConfiguration;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Deploys the pipeline into LocalStack through the SDK, from what the CDK stack deploys: the shaded function
 * jar, the stack's {@link PipelineSizing} and {@link PipelineFunction} table (handlers, memory, timeouts), the
 * {@link dev.fanout.core.config.EnvVar} environment, {@code live} aliases on published versions, and the ASL file
 * rendered with the same {@link Placeholders}. IAM roles exist for the API calls that need them; LocalStack's free
 * images do not enforce IAM, so least privilege is checked on the synthesized template, not here.
 *
 * <pre>{@code
 * PipelineDeployment deployment = new LocalStackPipeline(aws, LocalStackPipeline.sizing(), "fanout")
 *         .deploy(LambdaJar.resolve(null, Path.of("")));
 * }</pre>
 */
public final class LocalStackPipeline {

    /** The longest SQS keeps a message, as the stack's dead-letter queue does: time to inspect and redrive. */
    public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(WorkQueue.DLQ_RETENTION_DAYS);

    private static final String LAMBDA_TRUST = trustPolicy("lambda.amazonaws.com");
    private static final String STATES_TRUST = trustPolicy("states.amazonaws.com");
    private static final Duration ACTIVE_TIMEOUT = Duration.ofMinutes(3);
    /** Two workers: every concurrent Lambda environment is a JVM in its own container on the test machine. */
    private static final int LOCAL_WORKERS = 2;

    private final LocalStackClients aws;
    private final PipelineSizing sizing;
    private final String prefix;

    /**
     * The stack's default sizing with fewer workers; the redrive count, heartbeat, worker memory and timeouts
     * stay as deployed.
     */
    public static PipelineSizing sizing() {
        return PipelineSizing.defaults().withWorkerMaxConcurrency(LOCAL_WORKERS);
    }

    public LocalStackPipeline(LocalStackClients aws, PipelineSizing sizing, String prefix) {
        this.aws = Objects.requireNonNull(aws, "aws");
        this.sizing = Objects.requireNonNull(sizing, "sizing");
        if (prefix == null || !prefix.matches("[a-z][a-z0-9-]{1,30}")) {
            throw new IllegalArgumentException("prefix must be lowercase letters, digits and '-', was " + prefix);
        }
        this.prefix = prefix;
    }

    /**
     * The {@code definitionSubstitutions} of the stack, from the deployed functions and queue.
     *
     * @param functionArns must hold at least the splitter's and the reducer's ARN
     */
    public static Map<Placeholders, String> substitutions(Map<PipelineFunction, String> functionArns,
                                                         String workQueueUrl) {
        Map<Placeholders, String> values = new EnumMap<>(Placeholders.class);
        values.put(Placeholders.SplitterFunctionArn, required(functionArns, PipelineFunction.SPLITTER));
        values.put(Placeholders.ReducerFunctionArn, required(functionArns, PipelineFunction.REDUCER));
        values.put(Placeholders.WorkQueueUrl, Objects.requireNonNull(workQueueUrl, "workQueueUrl"));
        return values;
    }

    /** Creates every resource and waits until the functions and the event source mapping are active. */
    public PipelineDeployment deploy(Path lambdaJar) {
        if (!Files.isRegularFile(lambdaJar)) {
            throw new IllegalStateException("the shaded function jar " + lambdaJar + " is missing; run ./mvnw package"
                    + " first");
        }
        String lambdaRole = role(prefix + "-functions", LAMBDA_TRUST);
        String statesRole = role(prefix + "-states", STATES_TRUST);
        String codeBucket = bucket(prefix + "-assets");
        aws.s3().putObject(b -> b.bucket(codeBucket).key(lambdaJar.getFileName().toString()),
                RequestBody.fromFile(lambdaJar));
        FunctionCode code = new FunctionCode(codeBucket, lambdaJar.getFileName().toString(), lambdaRole);

        Queues queues = queues();
        DeployedNames names = DeployedNames.of(prefix, queues.workUrl());
        bucket(names.inputBucket());
        bucket(names.workBucket());
        bucket(names.resultsBucket());

        Map<PipelineFunction, String> arns = new EnumMap<>(PipelineFunction.class);
        for (PipelineFunction f : new PipelineFunction[] {PipelineFunction.SPLITTER, PipelineFunction.WORKER,
                PipelineFunction.REDUCER}) {
            arns.put(f, function(f, code, FunctionEnvironment.of(f, sizing, names, Optional.empty())));
        }
        String stateMachineArn = aws.sfn().createStateMachine(b -> b.name(prefix + "-pipeline")
                .definition(StateMachineDefinitions.render(substitutions(arns, queues.workUrl())))
                .roleArn(statesRole)
                .type(StateMachineType.STANDARD)).stateMachineArn();
        for (PipelineFunction f : new PipelineFunction[] {PipelineFunction.API, PipelineFunction.S3_TRIGGER}) {
            arns.put(f, function(f, code, FunctionEnvironment.of(f, sizing, names, Optional.of(stateMachineArn))));
        }

        eventSourceMapping(arns.get(PipelineFunction.WORKER), queues.workArn());
        String restApiId = restApi(arns.get(PipelineFunction.API));
        uploadTrigger(names.inputBucket(), arns.get(PipelineFunction.S3_TRIGGER));
        return new PipelineDeployment(names, queues.deadLetterUrl(), arns, stateMachineArn, restApiId, Api.STAGE);
    }

    private record FunctionCode(String bucket, String key, String roleArn) {
    }

    private record Queues(String workUrl, String workArn, String deadLetterUrl) {
    }

    private String role(String name, String trustPolicy) {
        return aws.iam().createRole(b -> b.roleName(name).assumeRolePolicyDocument(trustPolicy)).role().arn();
    }

    private String bucket(String name) {
        aws.s3().createBucket(b -> b.bucket(name));
        return name;
    }

    private Queues queues() {
        String deadLetterUrl = aws.sqs().createQueue(b -> b.queueName(prefix + "-work-dlq").attributes(Map.of(
                QueueAttributeName.MESSAGE_RETENTION_PERIOD, seconds(DEAD_LETTER_RETENTION),
                QueueAttributeName.SQS_MANAGED_SSE_ENABLED, "true"))).queueUrl();
        String redrivePolicy = "{\"deadLetterTargetArn\":\"" + queueArn(deadLetterUrl) + "\",\"maxReceiveCount\":"
                + sizing.maxReceiveCount() + "}";
        String workUrl = aws.sqs().createQueue(b -> b.queueName(prefix + "-work").attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(sizing.visibilityTimeoutSeconds()),
                QueueAttributeName.REDRIVE_POLICY, redrivePolicy,
                QueueAttributeName.SQS_MANAGED_SSE_ENABLED, "true"))).queueUrl();
        return new Queues(workUrl, queueArn(workUrl), deadLetterUrl);
    }

    private String queueArn(String queueUrl) {
        return aws.sqs().getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** Creates the function, publishes a version and points the {@code live} alias at it; returns the alias ARN. */
    private String function(PipelineFunction function, FunctionCode code, Map<String, String> environment) {
        String name = functionName(prefix, function);
        aws.lambda().createFunction(b -> b.functionName(name)
                .description(function.description())
                .runtime(Runtime.JAVA21)
                .architectures(Architecture.ARM64)
                .handler(function.handler())
                .role(code.roleArn())
                .code(c -> c.s3Bucket(code.bucket()).s3Key(code.key()))
                .memorySize(function.memoryMb(sizing))
                .timeout(function.timeoutSeconds(sizing))
                .environment(e -> e.variables(environment)));
        aws.lambda().waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        String version = aws.lambda().publishVersion(b -> b.functionName(name)).version();
        aws.lambda().waiter().waitUntilPublishedVersionActive(b -> b.functionName(name).qualifier(version));
        return aws.lambda().createAlias(b -> b.functionName(name).name(Functions.ALIAS).functionVersion(version))
                .aliasArn();
    }

    /** Function name inside one deployment, e.g. {@code fanout-s3trigger}. */
    public static String functionName(String prefix, PipelineFunction function) {
        return prefix + "-" + function.id().toLowerCase(Locale.ROOT);
    }

    private void eventSourceMapping(String workerArn, String queueArn) {
        String uuid = aws.lambda().createEventSourceMapping(b -> b.functionName(workerArn)
                .eventSourceArn(queueArn)
                .batchSize(sizing.workerBatchSize())
                .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES)
                .scalingConfig(s -> s.maximumConcurrency(sizing.workerMaxConcurrency()))
                .enabled(true)).uuid();
        Awaitility.await("event source mapping " + uuid + " enabled")
                .atMost(ACTIVE_TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> aws.lambda().getEventSourceMapping(b -> b.uuid(uuid)).state(), "Enabled"::equals);
    }

    /** POST /jobs and GET /jobs/{jobId}, IAM-authorized, proxied to the API function's alias. */
    private String restApi(String apiFunctionArn) {
        String apiId = aws.apiGateway().createRestApi(b -> b.name(prefix + "-api")).id();
        String rootId = aws.apiGateway().getResources(b -> b.restApiId(apiId)).items().stream()
                .filter(r -> "/".equals(r.path()))
                .map(Resource::id)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("REST API " + apiId + " has no root resource"));
        String jobsId = aws.apiGateway().createResource(b -> b.restApiId(apiId).parentId(rootId).pathPart("jobs"))
                .id();
        String jobId = aws.apiGateway().createResource(b -> b.restApiId(apiId).parentId(jobsId).pathPart("{jobId}"))
                .id();
        proxyMethod(apiId, jobsId, "POST", apiFunctionArn);
        proxyMethod(apiId, jobId, "GET", apiFunctionArn);
        aws.apiGateway().createDeployment(b -> b.restApiId(apiId).stageName(Api.STAGE));
        aws.lambda().addPermission(b -> b.functionName(apiFunctionArn)
                .statementId("rest-api")
                .action("lambda:InvokeFunction")
                .principal("apigateway.amazonaws.com")
                .sourceArn("arn:aws:execute-api:" + aws.region().id() + ":" + accountOf(apiFunctionArn) + ":"
                        + apiId + "/*/*/*"));
        return apiId;
    }

    private void proxyMethod(String apiId, String resourceId, String httpMethod, String functionArn) {
        aws.apiGateway().putMethod(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod(httpMethod)
                .authorizationType("AWS_IAM"));
        aws.apiGateway().putIntegration(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod(httpMethod)
                .type(IntegrationType.AWS_PROXY)
                .integrationHttpMethod("POST")
                .uri("arn:aws:apigateway:" + aws.region().id() + ":lambda:path/2015-03-31/functions/" + functionArn
                        + "/invocations"));
    }

    /** Uploads under {@code incoming/} start jobs through the S3 trigger function. */
    private void uploadTrigger(String inputBucket, String triggerArn) {
        aws.lambda().addPermission(b -> b.functionName(triggerArn)
                .statementId("input-uploads")
                .action("lambda:InvokeFunction")
                .principal("s3.amazonaws.com")
                .sourceArn("arn:aws:s3:::" + inputBucket));
        aws.s3().putBucketNotificationConfiguration(b -> b.bucket(inputBucket).notificationConfiguration(n -> n
                .lambdaFunctionConfigurations(LambdaFunctionConfiguration.builder()
                        .lambdaFunctionArn(triggerArn)
                        .events(Event.S3_OBJECT_CREATED)
                        // the SDK's FilterRuleName.PREFIX is "Prefix"; S3 documents and the CDK sends "prefix",
                        // and not every emulator accepts both
                        .filter(f -> f.key(k -> k.filterRules(FilterRule.builder()
                                .name("prefix")
                                .value(Keys.INCOMING_PREFIX)
                                .build())))
                        .build())));
    }

    private static String required(Map<PipelineFunction, String> arns, PipelineFunction function) {
        String arn = arns.get(function);
        if (arn == null || arn.isBlank()) {
            throw new IllegalArgumentException("no ARN for the " + function + " function");
        }
        return arn;
    }

    private static String accountOf(String arn) {
        String[] parts = arn.split(":");
        if (parts.length < 5) {
            throw new IllegalArgumentException("not an ARN: " + arn);
        }
        return parts[4];
    }

    private static String seconds(Duration duration) {
        return Long.toString(duration.toSeconds());
    }

    private static String trustPolicy(String servicePrincipal) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\""
                + servicePrincipal + "\"},\"Action\":\"sts:AssumeRole\"}]}";
    }
}
