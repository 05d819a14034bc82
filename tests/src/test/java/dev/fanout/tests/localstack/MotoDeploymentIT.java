package dev.fanout.tests.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.core.config.EnvVar;
import dev.fanout.core.json.Json;
import dev.fanout.core.pipeline.Keys;
import dev.fanout.infra.Api;
import dev.fanout.infra.LambdaJar;
import dev.fanout.infra.PipelineFunction;
import dev.fanout.infra.PipelineSizing;
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

    private final PipelineSizing sizing = LocalStackPipeline.sizing();
    private MotoServer moto;
    private LocalStackClients aws;
    private PipelineDeployment deployment;

    @BeforeAll
    void deploy() throws IOException {
        Path log = Files.createDirectories(Path.of("target")).resolve("moto-server.log");
        moto = MotoServer.start(MotoServer.find().orElseThrow(), log);
        aws = LocalStackClients.create(moto.endpoint(), AwsBasicCredentials.create("test", "test"), Region.US_EAST_1);
        deployment = new LocalStackPipeline(aws, sizing, "fanout")
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
                .queueUrl(deployment.names().workQueueUrl()).attributeNames(QueueAttributeName.ALL)).attributes();
        String deadLetterArn = aws.sqs().getQueueAttributes(b -> b.queueUrl(deployment.deadLetterQueueUrl())
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);

        JsonNode redrive = json(work.get(QueueAttributeName.REDRIVE_POLICY));
        assertThat(redrive.path("deadLetterTargetArn").asText()).isEqualTo(deadLetterArn);
        assertThat(redrive.path("maxReceiveCount").asInt()).isEqualTo(PipelineSizing.defaults().maxReceiveCount());
        assertThat(work.get(QueueAttributeName.VISIBILITY_TIMEOUT))
                .isEqualTo(Integer.toString(6 * PipelineFunction.WORKER.timeoutSeconds(sizing)));
        assertThat(work.get(QueueAttributeName.SQS_MANAGED_SSE_ENABLED)).isEqualTo("true");
    }

    @Test
    void deploysEveryFunctionFromTheJarAsTheStackDeclaresIt() {
        for (PipelineFunction f : PipelineFunction.values()) {
            GetFunctionConfigurationResponse config = aws.lambda().getFunctionConfiguration(b -> b
                    .functionName(LocalStackPipeline.functionName("fanout", f)).qualifier("live"));

            assertThat(config.handler()).as(f.name()).isEqualTo(f.handler());
            assertThat(config.runtime()).as(f.name()).isEqualTo(Runtime.JAVA21);
            assertThat(config.architectures()).as(f.name()).containsExactly(Architecture.ARM64);
            assertThat(config.memorySize()).as(f.name()).isEqualTo(f.memoryMb(sizing));
            assertThat(config.timeout()).as(f.name()).isEqualTo(f.timeoutSeconds(sizing));
            assertThat(config.environment().variables()).as(f.name())
                    .containsEntry(EnvVar.WORK_QUEUE_URL.name(), deployment.names().workQueueUrl())
                    .containsEntry(EnvVar.MAX_RECEIVE_COUNT.name(), "3");
            assertThat(deployment.functionArns().get(f)).endsWith(":function:" + config.functionName() + ":live");
        }
    }

    @Test
    void tellsOnlyTheSubmittingFunctionsTheStateMachine() {
        for (PipelineFunction f : PipelineFunction.values()) {
            Map<String, String> env = aws.lambda().getFunctionConfiguration(b -> b
                    .functionName(deployment.functionArns().get(f))).environment().variables();
            if (f == PipelineFunction.API || f == PipelineFunction.S3_TRIGGER) {
                assertThat(env).as(f.name()).containsEntry("STATE_MACHINE_ARN", deployment.stateMachineArn());
            } else {
                assertThat(env).as(f.name()).doesNotContainKey("STATE_MACHINE_ARN");
            }
        }
    }

    @Test
    void feedsTheWorkerFromTheQueueWithPartialBatchResponses() {
        String queueArn = aws.sqs().getQueueAttributes(b -> b.queueUrl(deployment.names().workQueueUrl())
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        EventSourceMappingConfiguration mapping = aws.lambda().listEventSourceMappings(b -> b
                .eventSourceArn(queueArn)).eventSourceMappings().getFirst();

        assertThat(mapping.functionResponseTypesAsStrings()).containsExactly("ReportBatchItemFailures");
        assertThat(mapping.batchSize()).isEqualTo(sizing.workerBatchSize());
        assertThat(mapping.scalingConfig().maximumConcurrency()).isEqualTo(2);
        assertThat(mapping.functionArn()).contains(":function:fanout-worker");
    }

    @Test
    void runsTheRepositorysDefinitionWithTheAliasesAndQueueSubstituted() {
        String definition = aws.sfn().describeStateMachine(b -> b.stateMachineArn(deployment.stateMachineArn()))
                .definition();

        assertThat(definition).isEqualTo(StateMachineDefinitions.render(LocalStackPipeline.substitutions(
                deployment.functionArns(), deployment.names().workQueueUrl())));
        JsonNode states = json(definition).path("States");
        assertThat(states.path("SplitInput").path("Parameters").path("FunctionName").asText())
                .isEqualTo(deployment.functionArns().get(PipelineFunction.SPLITTER)).endsWith(":live");
    }

    @Test
    void servesTheJobsApiThroughTheApiFunctionWithIamAuthorization() {
        String apiId = deployment.restApiId();
        Map<String, Resource> byPath = new HashMap<>();
        aws.apiGateway().getResources(b -> b.restApiId(apiId)).items().forEach(r -> byPath.put(r.path(), r));

        assertThat(byPath).containsKeys("/jobs", "/jobs/{jobId}");
        GetMethodResponse post = method(apiId, byPath.get("/jobs"), "POST");
        GetMethodResponse get = method(apiId, byPath.get("/jobs/{jobId}"), "GET");
        for (GetMethodResponse m : new GetMethodResponse[] {post, get}) {
            assertThat(m.authorizationType()).isEqualTo("AWS_IAM");
            assertThat(m.methodIntegration().typeAsString()).isEqualTo("AWS_PROXY");
            assertThat(m.methodIntegration().uri())
                    .contains("/functions/" + deployment.functionArns().get(PipelineFunction.API) + "/invocations");
        }
        assertThat(aws.apiGateway().getStage(b -> b.restApiId(apiId).stageName(Api.STAGE)).stageName())
                .isEqualTo("v1");
    }

    @Test
    void startsJobsForUploadsUnderIncoming() {
        LambdaFunctionConfiguration notification = aws.s3().getBucketNotificationConfiguration(b -> b
                .bucket(deployment.names().inputBucket())).lambdaFunctionConfigurations().getFirst();

        assertThat(notification.lambdaFunctionArn())
                .isEqualTo(deployment.functionArns().get(PipelineFunction.S3_TRIGGER));
        assertThat(notification.eventsAsStrings()).containsExactly("s3:ObjectCreated:*");
        assertThat(notification.filter().key().filterRules()).singleElement()
                .satisfies(rule -> assertThat(rule.value()).isEqualTo(Keys.INCOMING_PREFIX));
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
