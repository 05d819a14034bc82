package dev.fanout.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.tests.support.LocalPipeline;
import dev.fanout.tests.support.TextCorpus;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/** The jobs API over HTTP (validation, status, idempotency) and the S3 upload trigger. */
class JobsApiIT {
    @RegisterExtension
    static final LocalPipeline pipeline = new LocalPipeline();

    private static List<ExecutionListItem> executions() {
        return pipeline.runtime().sfn().listExecutionsPaginator(r -> r
                .stateMachineArn(pipeline.runtime().stateMachineArn())).executions().stream().toList();
    }

    @Nested
    class Validation {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                missing jobType             | {"input":{"items":[1]}}                                                | jobType
                unknown jobType             | {"jobType":"nope","input":{"items":[1]}}                               | jobType
                no input                    | {"jobType":"double"}                                                   | input
                both inputs                 | {"jobType":"double","input":{"items":[1],"s3Uri":"s3://fanout-input/x"}} | input
                items not an array          | {"jobType":"double","input":{"items":5}}                               | input.items
                another bucket              | {"jobType":"wordcount","input":{"s3Uri":"s3://somebody-else/x.txt"}}   | input.s3Uri
                missing object              | {"jobType":"wordcount","input":{"s3Uri":"s3://fanout-input/none.txt"}} | input.s3Uri
                chunk too small             | {"jobType":"double","input":{"items":[1]},"chunkSizeItems":0}          | chunkSizeItems
                unknown field               | {"jobType":"double","input":{"items":[1]},"colour":"red"}              | colour
                bad tolerance               | {"jobType":"double","input":{"items":[1]},"toleratedFailurePercentage":101} | toleratedFailurePercentage
                not JSON                    | {"jobType":                                                            | body
                """)
        void answers400NamingTheField(String name, String body, String field) {
            LocalPipeline.Reply reply = pipeline.post("/jobs", body);

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.body().path("error").asText()).isEqualTo("InvalidRequest");
            assertThat(reply.body().path("field").asText()).isEqualTo(field);
            assertThat(reply.body().path("message").asText()).isNotBlank();
        }

        @Test
        void anUnknownJobIs404() {
            assertThat(pipeline.get("/jobs/no-such-job").status()).isEqualTo(404);
        }

        @Test
        void anUndefinedRouteIsRefusedLikeApiGatewayDoes() {
            LocalPipeline.Reply reply = pipeline.send(HttpRequest.newBuilder(pipeline.uri("/jobs/x"))
                    .DELETE().build());
            assertThat(reply.status()).isEqualTo(403);
        }
    }

    @Test
    void twoIdenticalSubmissionsWithTheSameClientTokenGiveOneJob() {
        String request = "{\"jobType\":\"double\",\"input\":{\"items\":[1,2,3]},\"clientToken\":\"order-4711\"}";

        LocalPipeline.Reply first = pipeline.post("/jobs", request);
        LocalPipeline.Reply second = pipeline.post("/jobs", request);

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(202);
        String jobId = first.body().get("jobId").asText();
        assertThat(second.body().get("jobId").asText()).isEqualTo(jobId);
        assertThat(pipeline.json(pipeline.awaitResult(jobId))).isEqualTo(pipeline.json("[2,4,6]"));
        assertThat(executions()).filteredOn(e -> e.name().equals(jobId)).hasSize(1);
    }

    @Test
    void statusShowsProgressFieldsAndTheResultLocation() {
        String jobId = pipeline.submit("{\"jobType\":\"double\",\"input\":{\"items\":[5,6]},\"chunkSizeItems\":1}");
        JsonNode view = pipeline.awaitEnd(jobId);

        assertThat(view.path("jobId").asText()).isEqualTo(jobId);
        assertThat(view.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(view.path("chunksTotal").asLong()).isEqualTo(2);
        assertThat(view.path("chunksSucceeded").asLong()).isEqualTo(2);
        assertThat(view.path("resultUri").asText()).isEqualTo("s3://" + pipeline.runtime().resultsBucket()
                + "/results/" + jobId + "/result.json");
    }

    @Test
    void anUploadUnderIncomingStartsAJob_once() throws Exception {
        byte[] text = TextCorpus.generate(200_000, 3);
        String key = "incoming/wordcount/upload test.txt";
        pipeline.putInput(key, text);

        ExecutionListItem execution = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> executions().stream().filter(e -> startedFor(e, key)).findFirst().orElse(null),
                        e -> e != null);
        String result = pipeline.awaitResult(execution.name());
        Map<String, Long> counts = LocalPipeline.JSON.readValue(result, new TypeReference<>() { });
        assertThat(counts).isEqualTo(TextCorpus.count(text));

        // the same object again (same key and ETag) is a duplicate event: no second job
        pipeline.putInput(key, text);
        String marker = "incoming/wordcount/after.txt";
        pipeline.putInput(marker, TextCorpus.generate(1_000, 4));
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> executions().stream().anyMatch(e -> startedFor(e, marker)));
        assertThat(executions()).filteredOn(e -> startedFor(e, key)).hasSize(1);
    }

    private static boolean startedFor(ExecutionListItem execution, String key) {
        String input = pipeline.runtime().sfn().describeExecution(r -> r.executionArn(execution.executionArn())).input();
        JsonNode location = pipeline.json(input).path("input");
        return location.path("bucket").asText().equals(pipeline.runtime().inputBucket())
                && location.path("key").asText().equals(key);
    }
}
