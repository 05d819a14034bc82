package dev.fanout.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.core.config.EnvVar;
import dev.fanout.deployment.DeploymentSettings;
import dev.fanout.local.runtime.LocalRuntimeOptions;
import dev.fanout.tests.support.LocalPipeline;
import dev.fanout.tests.support.TextCorpus;
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
 * what an independent count gives.
 */
class CombineLevelIT {
    private static final int MAX_PARTIALS = 4;

    @RegisterExtension
    static final LocalPipeline combined = new LocalPipeline(LocalRuntimeOptions.builder()
            .settings(DeploymentSettings.defaults().withWorkerBatchSize(5).withWorkerMaxConcurrency(2))
            .uploadPollInterval(Duration.ofMillis(100))
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
}
