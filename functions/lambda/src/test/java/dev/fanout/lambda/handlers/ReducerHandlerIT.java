package dev.fanout.lambda.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.core.error.MissingPartialsException;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.Chunk;
import dev.fanout.core.model.CombinePlan;
import dev.fanout.core.model.JobRequest;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.model.SplitPlan;
import dev.fanout.core.pipeline.Keys;
import dev.fanout.lambda.ReducerHandler;
import dev.fanout.lambda.SplitterHandler;
import dev.fanout.lambda.WorkerHandler;
import dev.fanout.lambda.support.EventSourceMapping;
import dev.fanout.lambda.support.Pipeline;
import dev.fanout.lambda.support.SfnStub;
import dev.fanout.lambda.support.TestContext;
import dev.fanout.lambda.support.TestEnv;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The reducer function after the real splitter and worker functions ran (the state machine's part played by
 * the test): it combines every partial, or refuses, naming the chunks, and writes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReducerHandlerIT {
    private static final int LINES = 300;

    private Pipeline pipeline;
    private SplitterHandler splitter;
    private WorkerHandler worker;
    private ReducerHandler reducer;

    @BeforeAll
    void start() throws Exception {
        pipeline = new Pipeline();
        splitter = new SplitterHandler(pipeline.wiring());
        worker = new WorkerHandler(pipeline.wiring());
        reducer = new ReducerHandler(pipeline.wiring());
    }

    @AfterAll
    void stop() throws Exception {
        pipeline.close();
    }

    /** "word0 common\nword1 common\n..." — every word once, "common" on every line. */
    private static String text() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < LINES; i++) {
            text.append("word").append(i).append(" Common\n");
        }
        return text.toString();
    }

    private static Map<String, Long> expectedCounts() {
        Map<String, Long> counts = new TreeMap<>();
        for (int i = 0; i < LINES; i++) {
            counts.put("word" + i, 1L);
        }
        counts.put("common", (long) LINES);
        return counts;
    }

    private String invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, String json)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, new TestContext());
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Splits a fresh job into 1 KiB chunks and runs the worker on every chunk but {@code skipped}. */
    private SplitPlan splitAndProcess(String jobId, int... skipped) throws IOException {
        ObjectLocation input = pipeline.putInput("reduce/" + jobId + ".txt", text());
        String planJson = invoke(splitter, Json.write(new JobRequest(jobId, "wordcount", input, 1024L, null, null,
                0, Map.of())));
        SplitPlan plan = Json.read(planJson, SplitPlan.class);
        Chunk[] chunks = Json.read(pipeline.read(plan.manifest()), Chunk[].class);
        String queue = pipeline.createWorkQueue(3);
        int sent = 0;
        for (Chunk chunk : chunks) {
            if (Arrays.stream(skipped).noneMatch(s -> s == chunk.index())) {
                pipeline.sendChunk(queue, "t-" + jobId + "-" + chunk.index(), chunk);
                sent++;
            }
        }
        EventSourceMapping mapping = new EventSourceMapping(pipeline.sqsClient(), queue, worker);
        while (sent > 0) {
            int batch = Math.min(10, sent);
            assertThat(mapping.poll(batch, new TestContext()).failedMessageIds()).isEmpty();
            sent -= batch;
        }
        return plan;
    }

    private String reduceRequest(SplitPlan plan) {
        return "{\"action\":\"reduce\",\"plan\":" + Json.write(plan) + "}";
    }

    @Test
    void combinesEveryPartialIntoTheResultAndSummary() throws Exception {
        String jobId = "job-" + UUID.randomUUID();
        SplitPlan plan = splitAndProcess(jobId);
        assertThat(plan.chunks()).as("several chunks").isGreaterThan(3);

        JsonNode answer = Json.mapper().readTree(invoke(reducer, reduceRequest(plan)));

        ObjectLocation result = new ObjectLocation(TestEnv.RESULTS_BUCKET, Keys.result(jobId, "result.json"));
        assertThat(answer.path("resultUri").asText()).isEqualTo(result.toUri());
        assertThat(answer.path("chunks").asInt()).isEqualTo(plan.chunks());
        assertThat(answer.path("records").asLong()).isEqualTo(LINES);
        Map<String, Long> counts = Json.mapper().readValue(pipeline.read(result), new TypeReference<>() {
        });
        assertThat(counts).isEqualTo(expectedCounts());
        JsonNode summary = Json.mapper().readTree(pipeline.read(
                new ObjectLocation(TestEnv.RESULTS_BUCKET, Keys.summary(jobId))));
        assertThat(summary.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(summary.path("records").asLong()).isEqualTo(LINES);
    }

    @Test
    void refusesOnAMissingPartial_namingTheChunk_andWritesNoResult() throws Exception {
        String jobId = "job-" + UUID.randomUUID();
        SplitPlan plan = splitAndProcess(jobId, 2);

        assertThatThrownBy(() -> invoke(reducer, reduceRequest(plan)))
                .isInstanceOfSatisfying(MissingPartialsException.class,
                        e -> assertThat(e.chunks()).containsExactly(2))
                .hasMessageContaining("[2]")
                .hasMessageContaining(jobId);
        assertThat(pipeline.exists(new ObjectLocation(TestEnv.RESULTS_BUCKET, Keys.result(jobId, "result.json"))))
                .isFalse();
        assertThat(pipeline.wiring().blobs().list(TestEnv.RESULTS_BUCKET, "results/" + jobId + "/")).isEmpty();
    }

    @Test
    void reportsAFailureWithACauseNamingTheFailedChunk() throws Exception {
        String jobId = "job-" + UUID.randomUUID();
        ObjectLocation input = pipeline.putInput("reduce/" + jobId + ".txt", text());
        SplitPlan plan = Json.read(invoke(splitter, Json.write(new JobRequest(jobId, "wordcount", input, 1024L, null,
                null, 0, Map.of()))), SplitPlan.class);
        Chunk third = Json.read(pipeline.read(plan.manifest()), Chunk[].class)[2];
        // the input changes after planning: the chunk's If-Match read fails permanently
        pipeline.putInput("reduce/" + jobId + ".txt", "changed\n");
        String queue = pipeline.createWorkQueue(3);
        pipeline.sendChunk(queue, "t-" + jobId, third);
        new EventSourceMapping(pipeline.sqsClient(), queue, worker).poll(1, new TestContext());

        JsonNode report = Json.mapper().readTree(invoke(reducer, Json.write(Map.of("action", "reportFailure",
                "jobId", jobId, "error", "States.ExceedToleratedFailureThreshold",
                "cause", "The specified tolerated failure threshold was exceeded"))));

        assertThat(report.path("error").asText()).isEqualTo("States.ExceedToleratedFailureThreshold");
        assertThat(report.path("cause").asText())
                .startsWith("The specified tolerated failure threshold was exceeded")
                .contains("1 chunk failed")
                .contains("dev.fanout.core.error.InputNotFoundException")
                .contains("chunk 2 of " + plan.chunks());
        JsonNode summary = Json.mapper().readTree(pipeline.read(
                new ObjectLocation(TestEnv.RESULTS_BUCKET, Keys.summary(jobId))));
        assertThat(summary.path("status").asText()).isEqualTo("FAILED");
    }

    /** The combine action against real S3: combined partials (with their metadata) written, then reduced from. */
    @Test
    void combinesEachGroupIntoACombinedPartial_andReducesFromThem() throws Exception {
        String jobId = "job-" + UUID.randomUUID();
        SplitPlan direct = splitAndProcess(jobId);
        CombinePlan groups = CombinePlan.of(direct.chunks(), 2);
        SplitPlan plan = new SplitPlan(direct.jobId(), direct.jobType(), direct.input(), direct.manifest(),
                direct.chunks(), direct.bytes(), direct.maxConcurrency(), direct.toleratedFailurePercentage(),
                direct.heartbeatSeconds(), direct.splitStartedAt(), direct.splitEndedAt(), null, groups);

        for (int g = 0; g < groups.groups(); g++) {
            JsonNode answer = Json.mapper().readTree(invoke(reducer, "{\"action\":\"combine\",\"group\":" + g
                    + ",\"plan\":" + Json.write(plan) + "}"));
            ObjectLocation combined = new ObjectLocation(TestEnv.WORK_BUCKET, Keys.combined(jobId, g));
            assertThat(answer.path("combinedUri").asText()).isEqualTo(combined.toUri());
            assertThat(answer.path("chunks").asInt()).isEqualTo(groups.end(g, plan.chunks()) - groups.first(g));
            assertThat(pipeline.exists(combined)).isTrue();
        }
        JsonNode answer = Json.mapper().readTree(invoke(reducer, reduceRequest(plan)));

        assertThat(answer.path("chunks").asInt()).isEqualTo(plan.chunks());
        assertThat(answer.path("records").asLong()).isEqualTo(LINES);
        Map<String, Long> counts = Json.mapper().readValue(pipeline.read(new ObjectLocation(TestEnv.RESULTS_BUCKET,
                Keys.result(jobId, "result.json"))), new TypeReference<>() {
        });
        assertThat(counts).isEqualTo(expectedCounts());
    }

    @Test
    void refusesACombineRequestWithoutAGroup() throws Exception {
        String jobId = "job-" + UUID.randomUUID();
        SplitPlan plan = splitAndProcess(jobId);

        assertThatThrownBy(() -> invoke(reducer, "{\"action\":\"combine\",\"plan\":" + Json.write(plan) + "}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"group\"");
    }

    /** What the stack's rule on the execution's status change sends: the job and its execution's ARN only. */
    @Test
    void reportsTheFailureOfAnExecutionItIsToldOnlyTheArnOf() throws Exception {
        String jobId = "job-" + UUID.randomUUID();
        pipeline.sfn().start(jobId, "{}");
        pipeline.sfn().failed(jobId, "dev.fanout.core.error.InputNotFoundException",
                "{\"errorMessage\":\"the input s3://in/gone.txt does not exist\",\"errorType\":"
                        + "\"dev.fanout.core.error.InputNotFoundException\"}");

        JsonNode report = Json.mapper().readTree(invoke(reducer, Json.write(Map.of("action", "reportFailure",
                "jobId", jobId, "executionArn", SfnStub.arn(jobId)))));

        assertThat(report.path("error").asText()).isEqualTo("dev.fanout.core.error.InputNotFoundException");
        assertThat(report.path("cause").asText()).isEqualTo("the input s3://in/gone.txt does not exist");
        JsonNode summary = Json.mapper().readTree(pipeline.read(
                new ObjectLocation(TestEnv.RESULTS_BUCKET, Keys.summary(jobId))));
        assertThat(summary.path("status").asText()).isEqualTo("FAILED");
        assertThat(summary.path("cause").asText()).isEqualTo("the input s3://in/gone.txt does not exist");
    }

    @Test
    void rejectsAnUnknownAction() {
        assertThatThrownBy(() -> invoke(reducer, "{\"action\":\"explode\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("explode");
    }
}
