package dev.fanout.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The composition root: what the functions are told, a job through every service, files on disk, a clean stop. */
class LocalRuntimeIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !t.isDaemon() && t.isAlive())
                .collect(Collectors.toSet());
    }

    @Test
    void runsAJobOnFilesystemS3_andStopsWithoutLeavingThreads() throws Exception {
        Set<Thread> before = nonDaemonThreads();
        LocalRuntimeOptions options = LocalRuntimeOptions.builder().dataDir(dataDir).workerConcurrency(3)
                .workerBatchSize(2).build();

        try (LocalRuntime runtime = LocalRuntime.start(options)) {
            Map<String, String> env = runtime.environment();
            assertThat(env).containsEntry("INPUT_BUCKET", runtime.inputBucket())
                    .containsEntry("WORK_BUCKET", runtime.workBucket())
                    .containsEntry("RESULTS_BUCKET", runtime.resultsBucket())
                    .containsEntry("WORK_QUEUE_URL", runtime.workQueueUrl())
                    .containsEntry("STATE_MACHINE_ARN", runtime.stateMachineArn())
                    .containsEntry("MAX_CONCURRENCY", "6")
                    .containsEntry("MAX_RECEIVE_COUNT", "3")
                    .containsEntry("S3_FORCE_PATH_STYLE", "true")
                    .containsEntry("AWS_ENDPOINT_URL_S3", runtime.endpoints().s3().toString())
                    .containsEntry("AWS_ENDPOINT_URL_SQS", runtime.endpoints().sqs().toString())
                    .containsEntry("AWS_ENDPOINT_URL_SFN", runtime.endpoints().stepFunctions().toString())
                    .containsKeys("AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
            assertThat(runtime.stateMachineArn())
                    .isEqualTo("arn:aws:states:us-east-1:000000000000:stateMachine:fanout-pipeline");

            // the work queue as the CDK defines it: visibility timeout and redrive to the DLQ
            var attributes = runtime.sqs().getQueueAttributes(r -> r.queueUrl(runtime.workQueueUrl())
                    .attributeNamesWithStrings("All")).attributesAsStrings();
            assertThat(attributes).containsEntry("VisibilityTimeout", "30");
            assertThat(JSON.readTree(attributes.get("RedrivePolicy")).path("maxReceiveCount").asInt()).isEqualTo(3);

            HttpClient http = HttpClient.newHttpClient();
            URI api = runtime.endpoints().jobsApi();
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(api.resolve("/jobs"))
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"jobType\":\"double\",\"input\":{\"items\":[1,2,3,4,5]},\"chunkSizeItems\":2}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).isEqualTo(202);
            String jobId = JSON.readTree(posted.body()).get("jobId").asText();

            JsonNode view = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() ->
                    JSON.readTree(http.send(HttpRequest.newBuilder(api.resolve("/jobs/" + jobId)).build(),
                            HttpResponse.BodyHandlers.ofString()).body()),
                    v -> !"RUNNING".equals(v.path("status").asText()));
            assertThat(view.path("status").asText()).isEqualTo("SUCCEEDED");

            // the buckets are folders: the result is a file anyone can open
            Path result = dataDir.resolve("s3").resolve(runtime.resultsBucket())
                    .resolve("results").resolve(jobId).resolve("result.json");
            assertThat(result).exists();
            assertThat(JSON.readTree(Files.readString(result))).isEqualTo(JSON.readTree("[2,4,6,8,10]"));
        }

        await().pollInSameThread().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(nonDaemonThreads()).allMatch(before::contains, "a thread that was there before"));
    }

    @Test
    void aFunctionThatRunsPastItsTimeoutFailsTheJobAsLambdaReportsIt() throws Exception {
        LocalRuntimeOptions options = LocalRuntimeOptions.builder().splitterTimeout(Duration.ofMillis(1)).build();

        try (LocalRuntime runtime = LocalRuntime.start(options)) {
            HttpClient http = HttpClient.newHttpClient();
            URI api = runtime.endpoints().jobsApi();
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(api.resolve("/jobs"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jobType\":\"double\",\"input\":{\"items\":[1]}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String jobId = JSON.readTree(posted.body()).get("jobId").asText();

            JsonNode view = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() ->
                    JSON.readTree(http.send(HttpRequest.newBuilder(api.resolve("/jobs/" + jobId)).build(),
                            HttpResponse.BodyHandlers.ofString()).body()),
                    v -> !"RUNNING".equals(v.path("status").asText()));

            assertThat(view.path("status").asText()).isEqualTo("FAILED");
            assertThat(view.path("error").asText()).isEqualTo("Sandbox.Timedout");
            assertThat(view.path("cause").asText()).contains("Task timed out after 0.00 seconds");
        }
    }
}
