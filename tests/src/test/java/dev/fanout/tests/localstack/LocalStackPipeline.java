package dev.fanout.tests.localstack;

import dev.fanout.deployment.ApiRoute;
import dev.fanout.deployment.Arns;
import dev.fanout.deployment.DataBucket;
import dev.fanout.deployment.DeployedResources;
import dev.fanout.deployment.Deployment;
import dev.fanout.deployment.DeploymentSettings;
import dev.fanout.deployment.EventSourceMappingSpec;
import dev.fanout.deployment.FunctionSpec;
import dev.fanout.deployment.PipelineFunction;
import dev.fanout.deployment.ResourceNames;
import dev.fanout.deployment.StoragePrefix;
import dev.fanout.deployment.WorkQueueSpec;
import dev.fanout.statemachines.Placeholders;
import dev.fanout.statemachines.StateMachineDefinitions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * Deploys the pipeline into LocalStack through the SDK, from the deployment contract the CDK stack is built from:
 * the shaded function jar, the function table (handlers, memory, timeouts), the work queue, the event source mapping,
 * each function's environment, {@code live} aliases on published versions, the API routes, and the ASL file
 * rendered with the same {@link Placeholders}. IAM roles exist for the API calls that need them; LocalStack's free
 * images do not enforce IAM, so least privilege is checked on the synthesized template, not here.
 *
 * <pre>{@code
 * PipelineDeployment deployment = new LocalStackPipeline(aws, LocalStackPipeline.settings(), "fanout")
 *         .deploy(LambdaJar.resolve(null, Path.of("")));
 * }</pre>
 */
public final class LocalStackPipeline {

    private static final String LAMBDA_TRUST = trustPolicy("lambda.amazonaws.com");
    private static final String STATES_TRUST = trustPolicy("states.amazonaws.com");
    private static final Duration ACTIVE_TIMEOUT = Duration.ofMinutes(3);
    /** Two workers: every concurrent Lambda environment is a JVM in its own container on the test machine. */
    private static final int LOCAL_WORKERS = 2;

    private final LocalStackClients aws;
    private final Deployment deployment;
    private final ResourceNames names;

    /** The stack's default settings with fewer workers; everything else stays as deployed. */
    public static DeploymentSettings settings() {
        return DeploymentSettings.defaults().withWorkerMaxConcurrency(LOCAL_WORKERS);
    }

    /** @param prefix of every resource name (see {@link ResourceNames}) */
    public LocalStackPipeline(LocalStackClients aws, DeploymentSettings settings, String prefix) {
        this.aws = Objects.requireNonNull(aws, "aws");
        this.deployment = Deployment.of(Objects.requireNonNull(settings, "settings"));
        this.names = new ResourceNames(prefix);
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
        String lambdaRole = role(names.prefix() + "-functions", LAMBDA_TRUST);
        String statesRole = role(names.prefix() + "-states", STATES_TRUST);
        String codeBucket = bucket(names.prefix() + "-assets");
        aws.s3().putObject(b -> b.bucket(codeBucket).key(lambdaJar.getFileName().toString()),
                RequestBody.fromFile(lambdaJar));
        FunctionCode code = new FunctionCode(codeBucket, lambdaJar.getFileName().toString(), lambdaRole);

        Queues queues = queues();
        for (DataBucket b : DataBucket.values()) {
            bucket(names.bucket(b));
        }
        // the state machine needs the splitter's and reducer's ARNs; the API and trigger need the state machine's
        DeployedResources resources = DeployedResources.named(names, queues.workUrl(), queues.deadLetterUrl(),
                null);
        Map<PipelineFunction, String> arns = new EnumMap<>(PipelineFunction.class);
        for (PipelineFunction f : PipelineFunction.values()) {
            if (!f.startsExecutions()) {
                arns.put(f, function(deployment.function(f), code, FunctionEnvironment.of(f, deployment, resources)));
            }
        }
        String stateMachineArn = aws.sfn().createStateMachine(b -> b.name(names.stateMachine())
                .definition(StateMachineDefinitions.render(substitutions(arns, queues.workUrl())))
                .roleArn(statesRole)
                .type(StateMachineType.STANDARD)).stateMachineArn();
        resources = resources.withStateMachineArn(stateMachineArn);
        for (PipelineFunction f : PipelineFunction.values()) {
            if (f.startsExecutions()) {
                arns.put(f, function(deployment.function(f), code, FunctionEnvironment.of(f, deployment, resources)));
            }
        }

        eventSourceMapping(arns.get(PipelineFunction.WORKER), queues.workArn());
        Arns arnFormats = Arns.aws(aws.region().id(), accountOf(arns.get(PipelineFunction.API)));
        String restApiId = restApi(arns.get(PipelineFunction.API), arnFormats);
        uploadTrigger(names.bucket(DataBucket.INPUT), arns.get(PipelineFunction.S3_TRIGGER), arnFormats);
        return new PipelineDeployment(resources, queues.deadLetterUrl(), arns, restApiId, ApiRoute.STAGE);
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

    /** The work queue and its dead-letter queue, as the contract has them. */
    private Queues queues() {
        WorkQueueSpec spec = deployment.workQueue();
        String deadLetterUrl = aws.sqs().createQueue(b -> b.queueName(names.deadLetterQueue()).attributes(Map.of(
                QueueAttributeName.MESSAGE_RETENTION_PERIOD, seconds(spec.deadLetterRetention()),
                QueueAttributeName.SQS_MANAGED_SSE_ENABLED, "true"))).queueUrl();
        String workUrl = aws.sqs().createQueue(b -> b.queueName(names.workQueue()).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, seconds(spec.visibilityTimeout()),
                QueueAttributeName.REDRIVE_POLICY, spec.redrivePolicy(queueArn(deadLetterUrl)),
                QueueAttributeName.SQS_MANAGED_SSE_ENABLED, "true"))).queueUrl();
        return new Queues(workUrl, queueArn(workUrl), deadLetterUrl);
    }

    private String queueArn(String queueUrl) {
        return aws.sqs().getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** Creates the function, publishes a version and points the {@code live} alias at it; returns the alias ARN. */
    private String function(FunctionSpec spec, FunctionCode code, Map<String, String> environment) {
        String name = names.function(spec.function());
        aws.lambda().createFunction(b -> b.functionName(name)
                .description(spec.description())
                .runtime(Runtime.fromValue(FunctionSpec.RUNTIME))
                .architectures(Architecture.fromValue(FunctionSpec.ARCHITECTURE))
                .handler(spec.handler())
                .role(code.roleArn())
                .code(c -> c.s3Bucket(code.bucket()).s3Key(code.key()))
                .memorySize(spec.memoryMb())
                .timeout((int) spec.timeout().getSeconds())
                .environment(e -> e.variables(environment)));
        aws.lambda().waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        String version = aws.lambda().publishVersion(b -> b.functionName(name)).version();
        aws.lambda().waiter().waitUntilPublishedVersionActive(b -> b.functionName(name).qualifier(version));
        return aws.lambda().createAlias(b -> b.functionName(name).name(FunctionSpec.ALIAS).functionVersion(version))
                .aliasArn();
    }

    private void eventSourceMapping(String workerArn, String queueArn) {
        EventSourceMappingSpec esm = deployment.eventSourceMapping();
        String uuid = aws.lambda().createEventSourceMapping(b -> b.functionName(workerArn)
                .eventSourceArn(queueArn)
                .batchSize(esm.batchSize())
                .functionResponseTypes(esm.reportBatchItemFailures()
                        ? List.of(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES) : List.of())
                .scalingConfig(s -> s.maximumConcurrency(esm.maximumConcurrency()))
                .enabled(true)).uuid();
        Awaitility.await("event source mapping " + uuid + " enabled")
                .atMost(ACTIVE_TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> aws.lambda().getEventSourceMapping(b -> b.uuid(uuid)).state(), "Enabled"::equals);
    }

    /** The contract's routes, IAM-authorized, proxied to the API function's alias. */
    private String restApi(String apiFunctionArn, Arns arns) {
        String apiId = aws.apiGateway().createRestApi(b -> b.name(names.prefix() + "-api")).id();
        String rootId = aws.apiGateway().getResources(b -> b.restApiId(apiId)).items().stream()
                .filter(r -> "/".equals(r.path()))
                .map(Resource::id)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("REST API " + apiId + " has no root resource"));
        Map<String, String> resourceIds = new HashMap<>(Map.of("", rootId));
        for (ApiRoute route : ApiRoute.values()) {
            String path = "";
            for (String part : route.pathParts()) {
                String parentId = resourceIds.get(path);
                path = path + "/" + part;
                resourceIds.computeIfAbsent(path, p -> aws.apiGateway().createResource(b -> b.restApiId(apiId)
                        .parentId(parentId).pathPart(part)).id());
            }
            proxyMethod(apiId, resourceIds.get(path), route.method(), apiFunctionArn);
        }
        aws.apiGateway().createDeployment(b -> b.restApiId(apiId).stageName(ApiRoute.STAGE));
        aws.lambda().addPermission(b -> b.functionName(apiFunctionArn)
                .statementId("rest-api")
                .action("lambda:InvokeFunction")
                .principal("apigateway.amazonaws.com")
                .sourceArn(arns.executeApi(apiId, "*/*/*")));
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
    private void uploadTrigger(String inputBucket, String triggerArn, Arns arns) {
        aws.lambda().addPermission(b -> b.functionName(triggerArn)
                .statementId("input-uploads")
                .action("lambda:InvokeFunction")
                .principal("s3.amazonaws.com")
                .sourceArn(arns.bucket(inputBucket)));
        aws.s3().putBucketNotificationConfiguration(b -> b.bucket(inputBucket).notificationConfiguration(n -> n
                .lambdaFunctionConfigurations(LambdaFunctionConfiguration.builder()
                        .lambdaFunctionArn(triggerArn)
                        .events(Event.S3_OBJECT_CREATED)
                        // the SDK's FilterRuleName.PREFIX is "Prefix"; S3 documents and the CDK sends "prefix",
                        // and not every emulator accepts both
                        .filter(f -> f.key(k -> k.filterRules(FilterRule.builder()
                                .name("prefix")
                                .value(StoragePrefix.UPLOADS.prefix())
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
        return Long.toString(duration.getSeconds());
    }

    private static String trustPolicy(String servicePrincipal) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\""
                + servicePrincipal + "\"},\"Action\":\"sts:AssumeRole\"}]}";
    }
}
