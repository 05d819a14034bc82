package dev.fanout.local.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.deployment.DeploymentSettings;
import dev.fanout.local.runtime.LocalRuntime;
import dev.fanout.local.runtime.LocalRuntimeOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The dashboard's page and JSON API on a running local runtime, as the page calls them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalRuntime runtime;
    private String partlyFailed;

    @BeforeAll
    void start() throws Exception {
        runtime = LocalRuntime.start(LocalRuntimeOptions.builder()
                .settings(DeploymentSettings.defaults().withWorkerBatchSize(4)).build());
        // 12 chunks of one element; element 5 is not a number, and 10 % of the chunks may fail
        partlyFailed = submit(12, 5, 10);
        awaitEnd(partlyFailed);
    }

    @AfterAll
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ThePage {
        @Test
        void isServedAtTheApisRoot_withItsScriptAndStyleFromTheJar_underAStrictContentSecurityPolicy()
                throws Exception {
            HttpResponse<String> page = get("/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .contains("default-src 'none'").contains("script-src 'self'");
            assertThat(page.body()).contains("<title>fanout · local dashboard</title>")
                    .contains("/_dashboard/static/dashboard.js").doesNotContain("http://").doesNotContain("https://");

            HttpResponse<String> script = get("/_dashboard/static/dashboard.js");
            assertThat(script.statusCode()).isEqualTo(200);
            assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
            assertThat(script.body()).contains("/_dashboard/api");
            assertThat(get("/_dashboard/static/dashboard.css").statusCode()).isEqualTo(200);
            assertThat(get("/_dashboard/static/pom.xml").statusCode()).isEqualTo(404);
        }

        @Test
        void leavesTheRestApisOtherPathsAnsweringAsApiGatewayDoes() throws Exception {
            HttpResponse<String> undefined = get("/jobs");   // only POST /jobs exists
            assertThat(undefined.statusCode()).isEqualTo(403);
            assertThat(undefined.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
            HttpResponse<String> postRoot = http.send(HttpRequest.newBuilder(uri("/"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(postRoot.statusCode()).isEqualTo(403);
            assertThat(get("/local").statusCode()).isEqualTo(403);
            assertThat(get("/jobs/" + partlyFailed).statusCode()).isEqualTo(200);
        }

        @Test
        void answersOnlyRequestsToALoopbackName() throws Exception {
            assertThat(statusWithHost("/_dashboard/api/jobs", "attacker.example:8080")).isEqualTo(403);
            assertThat(statusWithHost("/", "attacker.example")).isEqualTo(403);
            assertThat(statusWithHost("/_dashboard/api/jobs", "localhost:" + uri("/").getPort())).isEqualTo(200);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class TheJobs {
        @Test
        void listsAJobWithTypeInputCountsAndTimes() throws Exception {
            JsonNode row = null;
            for (JsonNode job : json("/_dashboard/api/jobs").get("jobs")) {
                if (job.get("jobId").asText().equals(partlyFailed)) {
                    row = job;
                }
            }
            assertThat(row).isNotNull();
            assertThat(row.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(row.get("jobType").asText()).isEqualTo("double");
            assertThat(row.get("input").asText()).isEqualTo("s3://fanout-input/inline/" + partlyFailed + ".json");
            assertThat(row.get("chunksTotal").asLong()).isEqualTo(12);
            assertThat(row.get("chunksSucceeded").asLong()).isEqualTo(11);
            assertThat(row.get("chunksFailed").asLong()).isEqualTo(1);
            assertThat(row.get("durationMillis").asLong())
                    .isEqualTo(row.get("stoppedAt").asLong() - row.get("startedAt").asLong());
            assertThat(row.get("redrivable").asBoolean()).isFalse();
        }

        @Test
        void showsAJobsChunksAsOneStateCharacterEach_itsThroughput_andTheApisResultAndSummary() throws Exception {
            JsonNode detail = json("/_dashboard/api/jobs/" + partlyFailed);
            JsonNode status = JSON.readTree(get("/jobs/" + partlyFailed).body());

            assertThat(detail.get("chunks").asText()).isEqualTo("SSSSSFSSSSSS");
            int finished = 0;
            for (JsonNode n : detail.get("throughput").get("counts")) {
                finished += n.asInt();
            }
            assertThat(finished).isEqualTo(11);
            assertThat(detail.get("resultUri").asText()).isEqualTo(status.get("resultUri").asText());
            assertThat(detail.get("summaryUri").asText()).isEqualTo(status.get("summaryUri").asText());

            HttpResponse<String> result = get("/_dashboard/files/" + partlyFailed + "/result");
            assertThat(result.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(result.body())).isEqualTo(JSON.readTree(read(status.get("resultUri").asText())));
            HttpResponse<String> summary = get("/_dashboard/files/" + partlyFailed + "/summary");
            JsonNode failedChunks = JSON.readTree(summary.body()).get("failedChunks");
            assertThat(failedChunks).hasSize(1);
            assertThat(failedChunks.get(0).get("index").asInt()).isEqualTo(5);
            assertThat(failedChunks.get(0).get("error").asText()).isEqualTo("dev.fanout.core.error.MalformedRecordException");
        }

        @Test
        void pagesTheFailedChunksWithTheirErrorAndCause() throws Exception {
            JsonNode page = json("/_dashboard/api/jobs/" + partlyFailed + "/failures?offset=0&limit=5");

            assertThat(page.get("total").asInt()).isEqualTo(1);
            JsonNode failure = page.get("failures").get(0);
            assertThat(failure.get("index").asInt()).isEqualTo(5);
            assertThat(failure.get("state").asText()).isEqualTo("FAILED");
            assertThat(failure.get("error").asText()).isEqualTo("dev.fanout.core.error.MalformedRecordException");
            assertThat(failure.get("cause").asText()).startsWith("chunk 5 of 12 (s3://fanout-input/inline/");
            assertThat(json("/_dashboard/api/jobs/" + partlyFailed + "/failures?offset=1").get("failures")).isEmpty();
        }

        @Test
        void answers404ForAnUnknownJob_and405ForAnotherMethod() throws Exception {
            assertThat(get("/_dashboard/api/jobs/no-such-job").statusCode()).isEqualTo(404);
            assertThat(get("/_dashboard/api/jobs/a%20b").statusCode()).isEqualTo(404);
            assertThat(get("/_dashboard/files/no-such-job/result").statusCode()).isEqualTo(404);
            assertThat(http.send(HttpRequest.newBuilder(uri("/_dashboard/api/jobs"))
                    .DELETE().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Redrive {
        @Test
        void theButtonsRoute_isTheJobsApis_whichRedrivesAFailedJob() throws Exception {
            String failed = submit(3, 1, 0);
            awaitEnd(failed);
            assertThat(json("/_dashboard/api/jobs/" + failed).get("job").get("redrivable").asBoolean()).isTrue();
            String script = get("/_dashboard/static/dashboard.js").body();
            assertThat(script).contains("fetch(`/jobs/${encodeURIComponent(jobId)}/redrive`, { method: 'POST' })");

            HttpResponse<String> redriven = post("/jobs/" + failed + "/redrive");

            assertThat(redriven.statusCode()).isEqualTo(202);
            assertThat(JSON.readTree(redriven.body()).get("status").asText()).isEqualTo("RUNNING");
            assertThat(runtime.stepFunctions().describeExecution(runtime.executionArn(failed)).redriveCount())
                    .isEqualTo(1);
        }

        @Test
        void theDashboardHasNoRedriveOfItsOwn() throws Exception {
            String failed = submit(3, 1, 0);
            awaitEnd(failed);

            assertThat(post("/_dashboard/api/jobs/" + failed + "/redrive").statusCode()).isEqualTo(404);
            assertThat(runtime.stepFunctions().describeExecution(runtime.executionArn(failed)).redriveCount())
                    .isZero();
        }

        @Test
        void refusesToRedriveAJobThatSucceeded() throws Exception {
            HttpResponse<String> refused = post("/jobs/" + partlyFailed + "/redrive");

            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(JSON.readTree(refused.body()).get("message").asText()).isNotBlank();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class DeadLetterQueue {
        @Test
        void showsAMessageByItsChunk_withoutItsToken_andLeavesItInTheQueue() throws Exception {
            String body = "{\"taskToken\":\"TOKEN-NOT-FOR-THE-PAGE\",\"chunk\":{\"jobId\":\"job-dlq\",\"jobType\":"
                    + "\"wordcount\",\"index\":7,\"total\":9,\"input\":{\"bucket\":\"fanout-input\",\"key\":\"a.txt\"},"
                    + "\"start\":0,\"end\":10,\"objectSize\":10,\"etag\":\"e\",\"header\":null,\"options\":{}}}";
            // the other jobs' bad chunks are there too: their workers dead-letter them at once
            long before = JSON.readTree(get("/_dashboard/api/dead-letters").body()).get("approximateCount").asLong();
            String id = runtime.sqs().sendMessage(r -> r.queueUrl(runtime.deadLetterQueueUrl()).messageBody(body))
                    .messageId();

            HttpResponse<String> look = get("/_dashboard/api/dead-letters");
            JsonNode page = JSON.readTree(look.body());

            assertThat(look.body()).doesNotContain("TOKEN-NOT-FOR-THE-PAGE");
            assertThat(page.get("queueName").asText()).isEqualTo("fanout-work-dlq");
            assertThat(page.get("approximateCount").asLong()).isEqualTo(before + 1);
            JsonNode message = null;
            for (JsonNode m : page.get("messages")) {
                if (m.get("messageId").asText().equals(id)) {
                    message = m;
                }
            }
            assertThat(message).as("the message sent").isNotNull();
            assertThat(message.get("jobId").asText()).isEqualTo("job-dlq");
            assertThat(message.get("chunkIndex").asInt()).isEqualTo(7);
            assertThat(message.get("input").asText()).isEqualTo("s3://fanout-input/a.txt bytes 0-10");
            // still there for a real consumer
            assertThat(runtime.sqs().receiveMessage(r -> r.queueUrl(runtime.deadLetterQueueUrl())
                    .maxNumberOfMessages(10).visibilityTimeout(0)).messages())
                    .extracting(m -> m.messageId()).contains(id);
        }
    }

    private String submit(int chunks, int poison, int toleratedPercent) throws Exception {
        String items = IntStream.range(0, chunks).mapToObj(i -> i == poison ? "\"x\"" : Integer.toString(i))
                .collect(Collectors.joining(",", "[", "]"));
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(uri("/jobs")).POST(
                HttpRequest.BodyPublishers.ofString("{\"jobType\":\"double\",\"input\":{\"items\":" + items
                        + "},\"chunkSizeItems\":1,\"toleratedFailurePercentage\":" + toleratedPercent + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(202);
        return JSON.readTree(posted.body()).get("jobId").asText();
    }

    private void awaitEnd(String jobId) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() ->
                !"RUNNING".equals(JSON.readTree(get("/jobs/" + jobId).body()).path("status").asText()));
    }

    private URI uri(String path) {
        return runtime.endpoints().jobsApi().resolve(path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String read(String s3Uri) {
        String rest = s3Uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        return runtime.s3().getObjectAsBytes(r -> r.bucket(rest.substring(0, slash)).key(rest.substring(slash + 1)))
                .asUtf8String();
    }

    /** The status code of a GET with this Host header (the JDK's HTTP client does not let a caller set Host). */
    private int statusWithHost(String path, String host) throws IOException {
        URI api = runtime.endpoints().jobsApi();
        try (Socket socket = new Socket(api.getHost(), api.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).lines().findFirst()
                    .orElse("");
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }
}
