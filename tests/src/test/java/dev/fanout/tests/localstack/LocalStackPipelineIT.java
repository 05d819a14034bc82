package dev.fanout.tests.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.core.json.Json;
import dev.fanout.core.pipeline.Keys;
import dev.fanout.infra.LambdaJar;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The whole pipeline in LocalStack: real Lambda functions from the shaded jar, the real state machine, the REST
 * API and the S3 trigger. Skipped, with the reason and the command to run it, where Docker is not available.
 */
@RequiresDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalStackPipelineIT {

    /** The first job also pulls the java21 runtime image and starts cold JVMs. */
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(2);
    private static final int TEXT_BYTES = 6 * 1024;
    private static final int CHUNK_SIZE_BYTES = 1024;

    private LocalStackContainer localstack;
    private AwsClients aws;
    private PipelineDeployment deployment;
    private JobsApi api;

    @BeforeAll
    void deployPipeline() {
        LocalStackOptions options = LocalStackOptions.fromEnv(System.getenv());
        localstack = new LocalStackContainer(DockerImageName.parse(options.image())
                .asCompatibleSubstituteFor("localstack/localstack"))
                .withServices(LocalStackOptions.SERVICES.toArray(String[]::new))
                .withEnv(options.containerEnv())
                .withStartupTimeout(Duration.ofMinutes(3));
        localstack.start();
        aws = AwsClients.create(localstack.getEndpoint(),
                AwsBasicCredentials.create(localstack.getAccessKey(), localstack.getSecretKey()),
                Region.of(localstack.getRegion()));
        deployment = new LocalStackPipeline(aws, LocalStackPipeline.sizing(), "fanout")
                .deploy(LambdaJar.resolve(System.getProperty(LambdaJar.PROPERTY), Path.of("")));
        api = new JobsApi(deployment.jobsUrl(localstack.getEndpoint()), aws.credentials(), aws.region());
    }

    @AfterAll
    void stopLocalStack() {
        if (aws != null) {
            aws.close();
        }
        if (localstack != null) {
            localstack.stop();
        }
    }

    @Test
    void countsTheWordsOfAJobSubmittedThroughTheApi() {
        String text = SampleText.generate(1, TEXT_BYTES);
        String key = "inputs/api-job.txt";
        putInput(key, text);

        JobsApi.Response created = api.submit("{\"jobType\":\"wordcount\",\"input\":{\"s3Uri\":\"s3://"
                + deployment.names().inputBucket() + "/" + key + "\"},\"chunkSizeBytes\":" + CHUNK_SIZE_BYTES + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        String jobId = json(created.body()).path("jobId").asText();
        assertThat(jobId).as(created.body()).isNotBlank();

        JsonNode finished = await("job " + jobId + " to end").atMost(JOB_TIMEOUT).pollInterval(POLL_INTERVAL)
                .until(() -> json(api.status(jobId).body()), view -> !"RUNNING".equals(view.path("status").asText()));
        assertThat(finished.path("status").asText()).as(finished::toString).isEqualTo("SUCCEEDED");
        assertThat(finished.path("chunksTotal").asLong()).as(finished::toString).isGreaterThan(1);
        assertThat(aws.sfn().describeExecution(b -> b.executionArn(executionArn(jobId))).status())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(resultOf(jobId)).isEqualTo(WordCounter.count(text));
    }

    @Test
    void countsTheWordsOfAnUploadUnderIncoming() {
        String text = SampleText.generate(2, TEXT_BYTES);
        String key = Keys.INCOMING_PREFIX + "wordcount/upload.txt";
        putInput(key, text);

        String executionArn = await("an execution for the upload of " + key).atMost(JOB_TIMEOUT)
                .pollInterval(POLL_INTERVAL)
                .until(() -> executionReading(key), Optional::isPresent)
                .orElseThrow();
        DescribeExecutionResponse finished = await("execution " + executionArn + " to end").atMost(JOB_TIMEOUT)
                .pollInterval(POLL_INTERVAL)
                .until(() -> aws.sfn().describeExecution(b -> b.executionArn(executionArn)),
                        execution -> execution.status() != ExecutionStatus.RUNNING);
        assertThat(finished.status()).as(() -> finished.error() + ": " + finished.cause())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(resultOf(finished.name())).isEqualTo(WordCounter.count(text));
    }

    private void putInput(String key, String text) {
        aws.s3().putObject(b -> b.bucket(deployment.names().inputBucket()).key(key), RequestBody.fromString(text));
    }

    /** Execution name = job id. */
    private String executionArn(String jobId) {
        return deployment.stateMachineArn().replace(":stateMachine:", ":execution:") + ":" + jobId;
    }

    /** The execution whose input reads this key of the input bucket, if one has started. */
    private Optional<String> executionReading(String key) {
        for (ExecutionListItem item : aws.sfn().listExecutions(b -> b.stateMachineArn(deployment.stateMachineArn()))
                .executions()) {
            String input = aws.sfn().describeExecution(b -> b.executionArn(item.executionArn())).input();
            if (key.equals(json(input).path("input").path("key").asText())) {
                return Optional.of(item.executionArn());
            }
        }
        return Optional.empty();
    }

    private Map<String, Long> resultOf(String jobId) {
        String result = aws.s3().getObjectAsBytes(b -> b.bucket(deployment.names().resultsBucket())
                .key(Keys.result(jobId, "result.json"))).asUtf8String();
        return WordCountResult.parse(result);
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }
}
