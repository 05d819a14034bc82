package dev.fanout.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.core.config.EnvVar;
import dev.fanout.deployment.DeploymentSettings;
import dev.fanout.tests.support.LocalPipeline;
import dev.fanout.tests.support.TextCorpus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * The combine level through the local runtime and the real ASL: a deployment whose reducer merges at most 4 partials
 * (REDUCER_MAX_PARTIALS, as every function's environment gives it) runs a small job through {@code CombineGroups};
 * its result must be byte for byte what the default deployment — which reduces the same job directly — writes, and
 * what an independent count gives. Failed chunks reach the final reduce on this path as on the direct one: a reported
 * failure, and a worker that dies silently (a heartbeat timeout, no failure record), within the tolerance or beyond.
 */
class CombineLevelIT {
    private static final int MAX_PARTIALS = 4;

    /**
     * The tests' time scale and a 30 s base heartbeat (as {@code SilentWorkerIT}: three heartbeat timeouts of a silent
     * worker take seconds), 2 workers of 5 chunks, and a reducer that merges at most 4 partials.
     */
    @RegisterExtension
    static final LocalPipeline combined = new LocalPipeline(LocalPipeline.options(DeploymentSettings.defaults()
                    .withWorkerBatchSize(5).withWorkerMaxConcurrency(2).withBaseHeartbeat(Duration.ofSeconds(30)))
            .extraEnvironment(Map.of(EnvVar.REDUCER_MAX_PARTIALS.name(), Integer.toString(MAX_PARTIALS))));

    @RegisterExtension
    static final LocalPipeline direct = new LocalPipeline();

    private static Map<String, Long> counts(String resultJson) throws Exception {
        return LocalPipeline.JSON.readValue(resultJson, new TypeReference<Map<String, Long>>() { });
    }

    /** The names of the states the job's execution entered, at every level. */
    private static List<String> statesEntered(LocalPipeline pipeline, String jobId) {
        List<String> names = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            var page = pipeline.runtime().sfn().getExecutionHistory(r -> r
                    .executionArn(pipeline.runtime().executionArn(jobId)).nextToken(next).maxResults(1000));
            for (HistoryEvent e : page.events()) {
                if (e.stateEnteredEventDetails() != null) {
                    names.add(e.stateEnteredEventDetails().name());
                }
            }
            token = page.nextToken();
        } while (token != null);
        return names;
    }

    private static String submitWordCount(LocalPipeline pipeline, byte[] text) {
        String uri = pipeline.putInput("books/combine.txt", text);
        return pipeline.submit("{\"jobType\":\"wordcount\",\"input\":{\"s3Uri\":\"" + uri
                + "\"},\"chunkSizeBytes\":4096}");
    }

    @Test
    void aJobAboveTheThresholdCombinesItsGroups_andWritesTheSameBytesAsTheDirectReduce() throws Exception {
        byte[] text = TextCorpus.generate(90_000, 23); // 22 chunks of 4 KiB: 6 groups of at most 4
        String viaCombine = submitWordCount(combined, text);
        String viaDirect = submitWordCount(direct, text);

        String result = combined.awaitResult(viaCombine);
        String reference = direct.awaitResult(viaDirect);

        assertThat(result).isEqualTo(reference);
        assertThat(counts(result)).isEqualTo(TextCorpus.count(text));
        List<String> combinedStates = statesEntered(combined, viaCombine);
        assertThat(combinedStates).contains("ChooseReducePath", "ListGroups", "CombineGroups", "ReduceResults");
        assertThat(combinedStates.stream().filter("CombineGroup"::equals)).hasSize(6);
        assertThat(statesEntered(direct, viaDirect)).contains("ChooseReducePath", "ReduceResults")
                .doesNotContain("ListGroups", "CombineGroups", "CombineGroup");
        String work = combined.runtime().workBucket();
        assertThat(combined.runtime().s3().listObjectsV2(r -> r.bucket(work).prefix("jobs/" + viaCombine
                + "/combined/")).contents()).hasSize(6);

        JsonNode summary = combined.json(combined.read(combined.awaitEnd(viaCombine).get("summaryUri").asText()));
        JsonNode directSummary = direct.json(direct.read(direct.awaitEnd(viaDirect).get("summaryUri").asText()));
        assertThat(summary.path("chunks")).isEqualTo(directSummary.path("chunks"));
        assertThat(summary.path("chunks").path("total").asInt()).isEqualTo(22);
        assertThat(summary.path("records")).isEqualTo(directSummary.path("records"));
        assertThat(summary.path("bytes").asLong()).isEqualTo(text.length);
    }

    /**
     * 30 chunks of 1 element; element 13 (not a number) fails chunk 13, and 10 % is tolerated: its group combines the
     * other three, the failure is carried to the summary, and the result is the other 29 elements doubled.
     */
    @Test
    void aToleratedFailedChunkIsCarriedThroughItsGroup_intoThePartialResultAndTheSummary() {
        List<String> items = IntStream.range(0, 30).mapToObj(i -> i == 13 ? "\"thirteen\"" : Integer.toString(i))
                .toList();
        String jobId = combined.submit("{\"jobType\":\"double\",\"input\":{\"items\":"
                + items.stream().collect(Collectors.joining(",", "[", "]"))
                + "},\"chunkSizeItems\":1,\"toleratedFailurePercentage\":10}");

        String result = combined.awaitResult(jobId);

        String expected = IntStream.range(0, 30).filter(i -> i != 13).mapToObj(i -> Integer.toString(2 * i))
                .collect(Collectors.joining(",", "[", "]"));
        assertThat(result.replace(" ", "").trim()).isEqualTo(expected);
        JsonNode view = combined.awaitEnd(jobId);
        JsonNode summary = combined.json(combined.read(view.get("summaryUri").asText()));
        assertThat(summary.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(summary.path("chunks").path("total").asInt()).isEqualTo(30);
        assertThat(summary.path("chunks").path("succeeded").asInt()).isEqualTo(29);
        assertThat(summary.path("chunks").path("failed").asInt()).isEqualTo(1);
        assertThat(summary.path("partial").asBoolean()).isTrue();
        assertThat(summary.path("failedChunks")).singleElement()
                .satisfies(c -> assertThat(c.path("index").asInt()).isEqualTo(13));
        assertThat(statesEntered(combined, jobId).stream().filter("CombineGroup"::equals)).hasSize(8);
    }

    /** 11 chunks of 1 KiB, 32-byte lines (as {@code SilentWorkerIT}): with at most 4 partials, groups of 4, 4 and 3. */
    private static byte[] lines() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 11 * 1024; i++) {
            text.append(String.format("line %026d\n", i)); // 31 characters and a line feed
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Independent of the pipeline: the lines that do not start in chunk {@code index}'s 1 KiB, by byte offset. */
    private static long linesOutsideChunk(byte[] text, int index) {
        long count = 0;
        int lineStart = 0;
        for (int i = 0; i < text.length; i++) {
            if (text[i] == '\n') {
                if (lineStart < index * 1024L || lineStart >= (index + 1) * 1024L) {
                    count++;
                }
                lineStart = i + 1;
            }
        }
        return count;
    }

    private static String submitDying(String name, byte[] text, int dieOn, int toleratedPercent) {
        String uri = combined.putInput("silent/" + name + ".txt", text);
        return combined.submit("{\"jobType\":\"dying-linecount\",\"input\":{\"s3Uri\":\"" + uri
                + "\"},\"chunkSizeBytes\":1024,\"toleratedFailurePercentage\":" + toleratedPercent
                + ",\"options\":{\"die-on\":\"" + dieOn + "\"}}");
    }

    /**
     * A worker that dies silently on every try of chunk 5 (group 1) leaves no failure record: only the Map's results
     * name it (States.HeartbeatTimeout). Within 10 % (1 of 11 chunks) the combine tasks run — group 1's without
     * waiting for chunk 5's partial — and the job succeeds as partial, naming the chunk, with every other line counted.
     */
    @Test
    void aSilentWorkerWithinTheTolerance_goesThroughTheCombineLevel_andTheJobSucceedsAsPartialNamingTheChunk() {
        byte[] text = lines();
        String jobId = submitDying("within", text, 5, 10);

        JsonNode view = combined.awaitEnd(jobId);

        assertThat(view.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(view.path("partial").asBoolean()).isTrue();
        assertThat(combined.json(combined.read(view.path("resultUri").asText())).path("lines").asLong())
                .isEqualTo(linesOutsideChunk(text, 5)).isEqualTo(text.length / 32 - 32);
        JsonNode summary = combined.json(combined.read(view.path("summaryUri").asText()));
        assertThat(summary.path("partial").asBoolean()).isTrue();
        assertThat(summary.path("chunks").path("total").asInt()).isEqualTo(11);
        assertThat(summary.path("chunks").path("succeeded").asInt()).isEqualTo(10);
        assertThat(summary.path("chunks").path("failed").asInt()).isEqualTo(1);
        assertThat(summary.path("failedChunks")).singleElement().satisfies(c -> {
            assertThat(c.path("index").asInt()).isEqualTo(5);
            assertThat(c.path("error").asText()).isEqualTo("States.HeartbeatTimeout");
        });
        assertThat(combined.runtime().chunkRuns(jobId).get(5)).as("the first try and the Map's two retries")
                .isEqualTo(3);
        String work = combined.runtime().workBucket();
        assertThat(combined.runtime().s3().listObjectsV2(r -> r.bucket(work).prefix("jobs/" + jobId + "/failures/"))
                .contents()).as("a silent death leaves no failure record").isEmpty();
        assertThat(statesEntered(combined, jobId).stream().filter("CombineGroup"::equals)).hasSize(3);
        String key = "results/" + jobId + "/result.json";
        assertThat(combined.runtime().s3().headObject(r -> r.bucket(combined.runtime().resultsBucket()).key(key))
                .metadata()).containsEntry("partial", "true").containsEntry("failed-chunks", "1");
    }

    /**
     * The same silent chunk beyond the tolerance (1 of 11 is more than 5 %): the job fails at its Map, as on the direct
     * path, before any combine task; no result is written, and the failure report names the chunk.
     */
    @Test
    void aSilentWorkerBeyondTheTolerance_failsTheJob_namingTheChunk_withNoResult() {
        byte[] text = lines();
        String jobId = submitDying("beyond", text, 5, 5);

        JsonNode view = combined.awaitEnd(jobId);

        assertThat(view.path("status").asText()).isEqualTo("FAILED");
        assertThat(view.path("error").asText()).isEqualTo("States.ExceedToleratedFailureThreshold");
        assertThat(view.path("resultUri").isNull() || view.path("resultUri").isMissingNode()).isTrue();
        JsonNode summary = combined.json(combined.read(view.path("summaryUri").asText()));
        assertThat(summary.path("status").asText()).isEqualTo("FAILED");
        assertThat(summary.path("failedChunks")).anySatisfy(c -> {
            assertThat(c.path("index").asInt()).isEqualTo(5);
            assertThat(c.path("error").asText()).isEqualTo("States.HeartbeatTimeout");
        });
        assertThat(statesEntered(combined, jobId)).doesNotContain("CombineGroups", "CombineGroup", "ReduceResults");
        String results = combined.runtime().resultsBucket();
        assertThat(combined.runtime().s3().listObjectsV2(r -> r.bucket(results).prefix("results/" + jobId + "/"))
                .contents()).extracting(o -> o.key()).containsExactly("results/" + jobId + "/summary.json");
    }
}
