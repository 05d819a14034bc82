package dev.fanout.tests.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.core.json.Json;
import dev.fanout.core.pipeline.Keys;
import dev.fanout.infra.LambdaJar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testcontainers.images.RemoteDockerImage;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

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
    /** The API job asks for it; uploads get it as the deployment's default (FunctionEnvironment). */
    private static final int CHUNK_SIZE_BYTES = (int) FunctionEnvironment.UPLOAD_CHUNK_SIZE_BYTES;
    private static final int DIAGNOSTIC_LINES = 80;
    /** Answers of the gateway itself (function not ready or too slow), after which a request may be repeated. */
    private static final Set<Integer> GATEWAY_ERRORS = Set.of(502, 503, 504);

    private LocalStackContainer localstack;
    private LocalStackClients aws;
    private PipelineDeployment deployment;
    private JobsApi api;

    @BeforeAll
    void deployPipeline() {
        LocalStackOptions options = LocalStackOptions.fromEnv(System.getenv());
        // LocalStack would pull the runtime image on the first invocation, inside an API request's time limit
        new RemoteDockerImage(DockerImageName.parse(LocalStackOptions.JAVA_RUNTIME_IMAGE)).get();
        localstack = new LocalStackContainer(DockerImageName.parse(options.image())
                .asCompatibleSubstituteFor("localstack/localstack"))
                .withServices(LocalStackOptions.SERVICES.toArray(String[]::new))
                .withEnv(options.containerEnv())
                .withStartupTimeout(Duration.ofMinutes(3));
        localstack.start();
        aws = LocalStackClients.create(localstack.getEndpoint(),
                AwsBasicCredentials.create(localstack.getAccessKey(), localstack.getSecretKey()),
                Region.of(localstack.getRegion()));
        deployment = new LocalStackPipeline(aws, LocalStackPipeline.settings(), "fanout")
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

        // a clientToken makes the POST safe to repeat when a cold function misses the gateway's time limit
        String request = "{\"jobType\":\"wordcount\",\"input\":{\"s3Uri\":\"s3://"
                + deployment.resources().inputBucket() + "/" + key + "\"},\"chunkSizeBytes\":" + CHUNK_SIZE_BYTES
                + ",\"clientToken\":\"localstack-api-job\"}";
        JobsApi.Response created = await("POST /jobs answered").atMost(Duration.ofMinutes(2))
                .pollInterval(POLL_INTERVAL)
                .ignoreExceptionsInstanceOf(UncheckedIOException.class)
                .until(() -> api.submit(request), response -> !GATEWAY_ERRORS.contains(response.statusCode()));
        assertThat(created.statusCode()).as(() -> created.body() + diagnostics()).isEqualTo(202);
        String jobId = json(created.body()).path("jobId").asText();
        assertThat(jobId).as(created.body()).isNotBlank();

        JsonNode finished = await("job " + jobId + " to end").atMost(JOB_TIMEOUT).pollInterval(POLL_INTERVAL)
                .ignoreExceptions()
                .until(() -> json(api.status(jobId).body()), view -> !"RUNNING".equals(view.path("status").asText()));
        assertThat(finished.path("status").asText()).as(() -> finished + diagnostics()).isEqualTo("SUCCEEDED");
        assertThat(aws.sfn().describeExecution(b -> b.executionArn(executionArn(jobId))).status())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertCounted(jobId, text);
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
        assertThat(finished.status()).as(() -> finished.error() + ": " + finished.cause() + diagnostics())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertCounted(finished.name(), text);
    }

    /**
     * The result equals the test's own count, and the summary shows the fan-out: one chunk per started KiB of
     * input (a text chunk is a byte range), every one succeeded, every line read once, none dead-lettered.
     */
    private void assertCounted(String jobId, String text) {
        long bytes = text.getBytes(StandardCharsets.UTF_8).length;
        long expectedChunks = (bytes + CHUNK_SIZE_BYTES - 1) / CHUNK_SIZE_BYTES;
        JsonNode summary = json(resultsObject(Keys.summary(jobId)));
        assertThat(summary.path("status").asText()).as(summary::toString).isEqualTo("SUCCEEDED");
        assertThat(summary.path("chunks").path("total").asLong()).as(summary::toString).isEqualTo(expectedChunks);
        assertThat(summary.path("chunks").path("succeeded").asLong()).as(summary::toString).isEqualTo(expectedChunks);
        // every line is owned by exactly one chunk: the one its first byte lies in
        assertThat(summary.path("records").asLong()).as(summary::toString).isEqualTo(text.lines().count());
        assertThat(WordCountResult.parse(resultsObject(Keys.result(jobId, "result.json"))))
                .isEqualTo(WordCounter.count(text));
        assertThat(aws.sqs().getQueueAttributes(b -> b.queueUrl(deployment.deadLetterQueueUrl())
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes())
                .as("chunks in the dead-letter queue")
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0");
    }

    private void putInput(String key, String text) {
        aws.s3().putObject(b -> b.bucket(deployment.resources().inputBucket()).key(key), RequestBody.fromString(text));
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

    private String resultsObject(String key) {
        return aws.s3().getObjectAsBytes(b -> b.bucket(deployment.resources().resultsBucket()).key(key)).asUtf8String();
    }

    /** The end of LocalStack's log (Lambda and Step Functions errors show there), for failure messages. */
    private String diagnostics() {
        List<String> lines = localstack.getLogs().lines().toList();
        return "\n--- last LocalStack log lines ---\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - DIAGNOSTIC_LINES), lines.size()));
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }
}
