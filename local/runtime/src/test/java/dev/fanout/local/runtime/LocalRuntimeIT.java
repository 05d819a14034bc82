package dev.fanout.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.deployment.DeployedResources;
import dev.fanout.deployment.Deployment;
import dev.fanout.deployment.DeploymentSettings;
import dev.fanout.deployment.FunctionSpec;
import dev.fanout.deployment.PipelineFunction;
import dev.fanout.deployment.ResourceNames;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The composition root: the contract's resources and environments, a job through every service, files on disk, a clean stop. */
class LocalRuntimeIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !t.isDaemon() && t.isAlive())
                .collect(Collectors.toSet());
    }

    @Test
    void closeForExit_writesAndStopsS3BeforeReturning_andEndsSqsInTheBackground() throws Exception {
        Set<Thread> before = nonDaemonThreads();
        LocalRuntime runtime = LocalRuntime.start(LocalRuntimeOptions.builder().dataDir(dataDir).build());
        URI s3 = runtime.endpoints().s3();
        URI sqs = runtime.endpoints().sqs();
        byte[] body = "x".repeat(1 << 20).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        runtime.s3().putObject(r -> r.bucket(runtime.resultsBucket()).key("results/j/result.json"),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(body));

        runtime.closeForExit();

        // what S3 was given is on disk, whole, and S3 no longer answers, as after close()
        assertThat(Files.readAllBytes(dataDir.resolve("s3").resolve(runtime.resultsBucket())
                .resolve("results").resolve("j").resolve("result.json"))).isEqualTo(body);
        assertThat(answers(s3)).as("S3 stopped before closeForExit returned").isFalse();
        // ElasticMQ's stop ends by itself, leaving no thread behind
        await().atMost(Duration.ofSeconds(30)).until(() -> !answers(sqs));
        await().pollInSameThread().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(nonDaemonThreads())
                .as("threads left").allMatch(before::contains));
    }

    private static boolean answers(URI endpoint) {
        try (java.net.Socket socket = new java.net.Socket(endpoint.getHost(), endpoint.getPort())) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void runsAJobOnFilesystemS3_andStopsWithoutLeavingThreads() throws Exception {
        Set<Thread> before = nonDaemonThreads();
        LocalRuntimeOptions options = LocalRuntimeOptions.builder().dataDir(dataDir).timeScale(0.05)
                .settings(DeploymentSettings.defaults().withWorkerBatchSize(2)).build();

        try (LocalRuntime runtime = LocalRuntime.start(options)) {
            assertThat(runtime.stateMachineArn())
                    .isEqualTo("arn:aws:states:us-east-1:000000000000:stateMachine:fanout-pipeline");

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

    /** The local runtime deploys what the contract says, for the stack's settings: drift fails here. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class TheSameSettingsAsTheStack {
        private final DeploymentSettings settings = DeploymentSettings.defaults().withWorkerBatchSize(3)
                .withMaxReceiveCount(4).withWorkerTimeout(Duration.ofSeconds(200));
        private LocalRuntime runtime;
        private Deployment deployment;

        @BeforeAll
        void start() {
            runtime = LocalRuntime.start(LocalRuntimeOptions.builder().settings(settings).timeScale(0.05)
                    .extraEnvironment(Map.of("REDUCER_READ_CONCURRENCY", "4")).build());
            deployment = Deployment.scaled(settings, 0.05);
        }

        @AfterAll
        void stop() {
            if (runtime != null) {
                runtime.close();
            }
        }

        @Test
        void functionsHaveTheContractsNamesTimeoutsAndMemory() {
            for (FunctionSpec spec : deployment.functions()) {
                var config = runtime.functionConfig(spec.function());
                assertThat(config.name()).isEqualTo(ResourceNames.LOCAL.function(spec.function()));
                assertThat(config.timeout()).as(spec.function().name()).isEqualTo(spec.timeout());
                assertThat(config.memoryMb()).as(spec.function().name()).isEqualTo(spec.memoryMb());
            }
            // by hand: the stack's 200 s and 900 s, times 0.05
            assertThat(runtime.functionConfig(PipelineFunction.WORKER).timeout()).hasSeconds(10);
            assertThat(runtime.functionConfig(PipelineFunction.SPLITTER).timeout()).hasSeconds(45);
        }

        /** (ElasticMQ accepts the dead-letter queue's MessageRetentionPeriod but neither reports nor applies it.) */
        @Test
        void queuesHaveTheContractsVisibilityAndRedrive() throws Exception {
            var work = runtime.sqs().getQueueAttributes(r -> r.queueUrl(runtime.workQueueUrl())
                    .attributeNamesWithStrings("All")).attributesAsStrings();
            var dlq = runtime.sqs().getQueueAttributes(r -> r.queueUrl(runtime.deadLetterQueueUrl())
                    .attributeNamesWithStrings("All")).attributesAsStrings();

            assertThat(work).containsEntry("VisibilityTimeout",
                    Long.toString(deployment.workQueue().visibilityTimeout().getSeconds()));
            JsonNode redrive = JSON.readTree(work.get("RedrivePolicy"));
            assertThat(redrive.path("maxReceiveCount").asInt()).isEqualTo(deployment.workQueue().maxReceiveCount());
            assertThat(redrive.path("deadLetterTargetArn").asText()).isEqualTo(dlq.get("QueueArn"));
            // by hand: 6 × 200 s × 0.05, 4 deliveries
            assertThat(work).containsEntry("VisibilityTimeout", "60");
            assertThat(redrive.path("maxReceiveCount").asInt()).isEqualTo(4);
        }

        /** Each function sees the contract's environment; only endpoints, credentials and local defaults are added. */
        @Test
        void eachFunctionsEnvironmentIsTheContractsPlusWhatIsLocal() {
            DeployedResources resources = DeployedResources.named(ResourceNames.LOCAL, runtime.workQueueUrl(),
                    runtime.deadLetterQueueUrl(), runtime.stateMachineArn());
            Set<String> local = Set.of("AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                    "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL_SFN", "S3_FORCE_PATH_STYLE",
                    "DEFAULT_CHUNK_SIZE_BYTES", "REDUCER_READ_CONCURRENCY");
            for (PipelineFunction f : PipelineFunction.values()) {
                Map<String, String> contract = deployment.environment(f, resources);
                Map<String, String> env = runtime.environment(f);

                assertThat(env).as(f.name()).containsAllEntriesOf(contract);
                assertThat(env.keySet()).as(f.name()).containsExactlyInAnyOrderElementsOf(
                        java.util.stream.Stream.concat(contract.keySet().stream(), local.stream()).toList());
            }
            Map<String, String> worker = runtime.environment(PipelineFunction.WORKER);
            // by hand: 100 workers × 3 chunks; the heartbeat as deployed (the engine scales it), the worker's beat
            // scaled: (120 s + 19 s) / 3 × 0.05
            assertThat(worker).containsEntry("MAX_CONCURRENCY", "300")
                    .containsEntry("HEARTBEAT_SECONDS", "139")
                    .containsEntry("HEARTBEAT_INTERVAL_MILLIS", "2316")
                    .containsEntry("MAX_RECEIVE_COUNT", "4")
                    .containsEntry("POWERTOOLS_SERVICE_NAME", "fanout")
                    .containsEntry("AWS_ENDPOINT_URL_S3", runtime.endpoints().s3().toString())
                    .containsEntry("AWS_ENDPOINT_URL_SFN", runtime.endpoints().stepFunctions().toString())
                    .containsEntry("REDUCER_READ_CONCURRENCY", "4")
                    .doesNotContainKey("STATE_MACHINE_ARN");
            assertThat(runtime.environment(PipelineFunction.API))
                    .containsEntry("STATE_MACHINE_ARN", runtime.stateMachineArn());
        }
    }
}
