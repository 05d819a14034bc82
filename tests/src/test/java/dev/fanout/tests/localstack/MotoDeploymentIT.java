package dev.fanout.tests.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.core.json.Json;
import dev.fanout.deployment.ApiRoute;
import dev.fanout.deployment.DeployedResources;
import dev.fanout.deployment.Deployment;
import dev.fanout.deployment.FunctionSpec;
import dev.fanout.deployment.PipelineFunction;
import dev.fanout.deployment.ResourceNames;
import dev.fanout.deployment.StoragePrefix;
import dev.fanout.infra.LambdaJar;
import dev.fanout.statemachines.StateMachineDefinitions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.model.GetMethodResponse;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.s3.model.LambdaFunctionConfiguration;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The deployment half of the LocalStack suite, where Docker is missing: {@link LocalStackPipeline} creates every
 * resource in a moto server, and the configuration read back is the stack's. moto runs no Lambda code, so jobs
 * run only in {@link LocalStackPipelineIT}. Skipped, with a message, where moto is not installed.
 */
@ExtendWith(MotoDeploymentIT.MotoInstalled.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MotoDeploymentIT {

    private final Deployment contract = Deployment.of(LocalStackPipeline.settings());
    private MotoServer moto;
    private LocalStackClients aws;
    private PipelineDeployment deployment;

    @BeforeAll
    void deploy() throws IOException {
        Path log = Files.createDirectories(Path.of("target")).resolve("moto-server.log");
        moto = MotoServer.start(MotoServer.find().orElseThrow(), log);
        aws = LocalStackClients.create(moto.endpoint(), AwsBasicCredentials.create("test", "test"), Region.US_EAST_1);
        deployment = new LocalStackPipeline(aws, LocalStackPipeline.settings(), "fanout")
                .deploy(LambdaJar.resolve(System.getProperty(LambdaJar.PROPERTY), Path.of("")));
    }

    @AfterAll
    void stop() {
        if (aws != null) {
            aws.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void redrivesFailedChunksToTheDeadLetterQueueAfterTheStacksReceiveCount() {
        Map<QueueAttributeName, String> work = aws.sqs().getQueueAttributes(b -> b
                .queueUrl(deployment.resources().workQueueUrl()).attributeNames(QueueAttributeName.ALL)).attributes();
        String deadLetterArn = aws.sqs().getQueueAttributes(b -> b.queueUrl(deployment.deadLetterQueueUrl())
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);

        JsonNode redrive = json(work.get(QueueAttributeName.REDRIVE_POLICY));
        assertThat(redrive.path("deadLetterTargetArn").asText()).isEqualTo(deadLetterArn);
        assertThat(redrive.path("maxReceiveCount").asInt()).isEqualTo(contract.workQueue().maxReceiveCount());
        assertThat(work.get(QueueAttributeName.VISIBILITY_TIMEOUT))
                .isEqualTo(Long.toString(contract.workQueue().visibilityTimeout().getSeconds()));
        assertThat(work.get(QueueAttributeName.SQS_MANAGED_SSE_ENABLED)).isEqualTo("true");
    }

    @Test
    void deploysEveryFunctionFromTheJarAsTheContractDeclaresIt() {
        for (FunctionSpec spec : contract.functions()) {
            PipelineFunction f = spec.function();
            GetFunctionConfigurationResponse config = aws.lambda().getFunctionConfiguration(b -> b
                    .functionName(new ResourceNames("fanout").function(f))
                    .qualifier(FunctionSpec.ALIAS));

            assertThat(config.handler()).as(f.name()).isEqualTo(spec.handler());
            assertThat(config.runtimeAsString()).as(f.name()).isEqualTo(FunctionSpec.RUNTIME);
            assertThat(config.architecturesAsStrings()).as(f.name()).containsExactly(FunctionSpec.ARCHITECTURE);
            assertThat(config.memorySize()).as(f.name()).isEqualTo(spec.memoryMb());
            assertThat(config.timeout()).as(f.name()).isEqualTo((int) spec.timeout().getSeconds());
            assertThat(deployment.functionArns().get(f)).endsWith(":function:" + config.functionName() + ":live");
        }
    }

    /** The contract's environment for each function, plus the two LocalStack-only values. */
    @Test
    void givesEveryFunctionTheContractsEnvironment() {
        DeployedResources resources = deployment.resources();
        for (PipelineFunction f : PipelineFunction.values()) {
            Map<String, String> env = aws.lambda().getFunctionConfiguration(b -> b
                    .functionName(deployment.functionArns().get(f))).environment().variables();

            assertThat(env).as(f.name()).isEqualTo(FunctionEnvironment.of(f, contract, resources));
            assertThat(env).as(f.name()).containsAllEntriesOf(contract.environment(f, resources));
        }
    }

    @Test
    void feedsTheWorkerFromTheQueueWithPartialBatchResponses() {
        String queueArn = aws.sqs().getQueueAttributes(b -> b.queueUrl(deployment.resources().workQueueUrl())
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        EventSourceMappingConfiguration mapping = aws.lambda().listEventSourceMappings(b -> b
                .eventSourceArn(queueArn)).eventSourceMappings().getFirst();

        assertThat(mapping.functionResponseTypesAsStrings()).containsExactly("ReportBatchItemFailures");
        assertThat(mapping.batchSize()).isEqualTo(contract.eventSourceMapping().batchSize());
        assertThat(mapping.scalingConfig().maximumConcurrency())
                .isEqualTo(contract.eventSourceMapping().maximumConcurrency()).isEqualTo(2);
        assertThat(mapping.functionArn()).contains(":function:fanout-worker");
    }

    @Test
    void runsTheRepositorysDefinitionWithTheAliasesAndQueueSubstituted() {
        String definition = aws.sfn().describeStateMachine(b -> b.stateMachineArn(deployment.stateMachineArn()))
                .definition();

        assertThat(definition).isEqualTo(StateMachineDefinitions.render(LocalStackPipeline.substitutions(
                deployment.functionArns(), deployment.resources().workQueueUrl())));
        JsonNode states = json(definition).path("States");
        assertThat(states.path("SplitInput").path("Parameters").path("FunctionName").asText())
                .isEqualTo(deployment.functionArns().get(PipelineFunction.SPLITTER)).endsWith(":live");
    }

    @Test
    void servesTheJobsApiThroughTheApiFunctionWithIamAuthorization() {
        String apiId = deployment.restApiId();
        Map<String, Resource> byPath = new HashMap<>();
        aws.apiGateway().getResources(b -> b.restApiId(apiId)).items().forEach(r -> byPath.put(r.path(), r));

        for (ApiRoute route : ApiRoute.values()) {
            assertThat(byPath).containsKey(route.resource());
            GetMethodResponse m = method(apiId, byPath.get(route.resource()), route.method());
            assertThat(m.authorizationType()).isEqualTo("AWS_IAM");
            assertThat(m.methodIntegration().typeAsString()).isEqualTo("AWS_PROXY");
            assertThat(m.methodIntegration().uri())
                    .contains("/functions/" + deployment.functionArns().get(PipelineFunction.API) + "/invocations");
        }
        assertThat(aws.apiGateway().getStage(b -> b.restApiId(apiId).stageName(ApiRoute.STAGE)).stageName())
                .isEqualTo("v1");
    }

    @Test
    void startsJobsForUploadsUnderIncoming() {
        LambdaFunctionConfiguration notification = aws.s3().getBucketNotificationConfiguration(b -> b
                .bucket(deployment.resources().inputBucket())).lambdaFunctionConfigurations().getFirst();

        assertThat(notification.lambdaFunctionArn())
                .isEqualTo(deployment.functionArns().get(PipelineFunction.S3_TRIGGER));
        assertThat(notification.eventsAsStrings()).containsExactly("s3:ObjectCreated:*");
        assertThat(notification.filter().key().filterRules()).singleElement()
                .satisfies(rule -> assertThat(rule.value()).isEqualTo(StoragePrefix.UPLOADS.prefix()));
    }

    private GetMethodResponse method(String apiId, Resource resource, String httpMethod) {
        return aws.apiGateway().getMethod(b -> b.restApiId(apiId).resourceId(resource.id()).httpMethod(httpMethod));
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }

    /** Runs the class only where moto is installed, and says so otherwise. */
    static final class MotoInstalled implements ExecutionCondition {
        static final String SKIP_MESSAGE = "moto is not installed (no " + MotoServer.EXECUTABLE + " on the PATH):"
                + " the deployment check against it is skipped. The LocalStack suite covers deployment and jobs"
                + " where Docker exists.";

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (MotoServer.find().isPresent()) {
                return ConditionEvaluationResult.enabled(MotoServer.EXECUTABLE + " found");
            }
            System.out.println(SKIP_MESSAGE);
            return ConditionEvaluationResult.disabled(SKIP_MESSAGE);
        }
    }
}
