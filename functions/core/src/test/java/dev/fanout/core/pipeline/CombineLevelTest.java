package dev.fanout.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.core.cost.FunctionMemory;
import dev.fanout.core.error.MissingPartialsException;
import dev.fanout.core.job.Job;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.Chunk;
import dev.fanout.core.model.CombinePlan;
import dev.fanout.core.model.JobRequest;
import dev.fanout.core.model.MapRunResult;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.model.SplitPlan;
import dev.fanout.core.testing.Fixture;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The combine level, in the core: the splitter plans it, combine tasks write combined partials, the reduce reads them. */
class CombineLevelTest {
    private static final ObjectLocation RESULT = new ObjectLocation("out", "results/job1/result.json");
    private static final ObjectLocation SUMMARY = new ObjectLocation("out", "results/job1/summary.json");

    private static PipelineSettings settings(int reducerMaxPartials) {
        return new PipelineSettings("in", "work", "out", 10, 30, 64 << 10, 1000, 3, 3,
                new FunctionMemory(1024, 2048, 2048), new Limits(100, 4096, 1, 1L << 30, 1000, 1000))
                .withReducerMaxPartials(reducerMaxPartials);
    }

    private static String text() {
        String[] words = {"alpha", "Beta", "gamma", "δέλτα", "e5", "ALPHA", "zeta"};
        Random random = new Random(11);
        StringBuilder text = new StringBuilder();
        for (int l = 0; l < 300; l++) {
            for (int w = random.nextInt(6); w > 0; w--) {
                text.append(words[random.nextInt(words.length)]).append(' ');
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** Independent of the pipeline: a regular expression and a TreeMap. */
    private static String reference(String text) {
        Map<String, Long> counts = new TreeMap<>();
        Matcher m = Pattern.compile("[\\p{L}\\p{Nd}]+").matcher(text);
        while (m.find()) {
            counts.merge(m.group().toLowerCase(Locale.ROOT), 1L, Long::sum);
        }
        return Json.write(counts);
    }

    private static SplitPlan splitAndMap(Fixture f, String text, double tolerance, List<Integer> failed) {
        return splitAndMap(f, text, tolerance, failed, List.of());
    }

    /** Maps every chunk but the failed ones (a failure record instead) and the skipped ones (nothing at all). */
    private static SplitPlan splitAndMap(Fixture f, String text, double tolerance, List<Integer> failed,
                                         List<Integer> skipped) {
        f.blobs.put(Fixture.in("t.txt"), text);
        SplitPlan plan = f.splitter().split(new JobRequest("job1", "wordcount", Fixture.in("t.txt"), 97L, null, null,
                tolerance, Map.of()));
        for (Chunk chunk : f.manifest(plan)) {
            if (skipped.contains(chunk.index())) {
                continue;
            }
            if (failed.contains(chunk.index())) {
                f.blobs.put(new ObjectLocation("work", Keys.failure("job1", chunk.index())),
                        Json.writeBytes(new FailureRecord(chunk.index(), plan.chunks(), "wordcount",
                                "dev.fanout.core.error.MalformedRecordException", "chunk " + chunk.index() + " is bad",
                                0L)), "application/json", Map.of());
            } else {
                f.process(chunk, 1);
            }
        }
        return plan;
    }

    private static void combineAll(Fixture f, SplitPlan plan) {
        for (int g = 0; g < plan.combine().groups(); g++) {
            f.reducer().combine(plan, g);
        }
    }

    private static JsonNode json(String text) {
        return Json.read(text.getBytes(StandardCharsets.UTF_8), JsonNode.class);
    }

    @Test
    void theSplitterPlansACombineLevelOnlyAboveTheMaximum() {
        String text = text();
        int chunks = (int) Math.ceil(text.getBytes(StandardCharsets.UTF_8).length / 97.0);
        try (Fixture f = new Fixture(settings(chunks))) {
            assertThat(splitAndMap(f, text, 0, List.of()).combine()).isNull();
        }
        try (Fixture f = new Fixture(settings(chunks - 1))) {
            assertThat(splitAndMap(f, text, 0, List.of()).combine()).isEqualTo(CombinePlan.of(chunks, chunks - 1))
                    .isEqualTo(new CombinePlan(2, (chunks + 1) / 2));
        }
    }

    @Test
    void combinedThenReduced_givesTheSameResultBytesAsTheDirectReduce_andTheReference() {
        String text = text();
        String direct;
        JsonNode directSummary;
        try (Fixture f = new Fixture(settings(100_000))) {
            SplitPlan plan = splitAndMap(f, text, 0, List.of());
            assertThat(plan.combine()).isNull();
            f.reducer().reduce(plan);
            direct = f.blobs.text(RESULT);
            directSummary = json(f.blobs.text(SUMMARY));
        }
        try (Fixture f = new Fixture(settings(4))) {
            SplitPlan plan = splitAndMap(f, text, 0, List.of());
            assertThat(plan.combine().groups()).isGreaterThan(4);
            combineAll(f, plan);
            ReduceResult result = f.reducer().reduce(plan);

            assertThat(f.blobs.text(RESULT)).isEqualTo(direct).isEqualTo(reference(text));
            JsonNode summary = json(f.blobs.text(SUMMARY));
            assertThat(summary.get("chunks")).isEqualTo(directSummary.get("chunks"));
            assertThat(summary.get("records")).isEqualTo(directSummary.get("records"));
            assertThat(summary.get("bytes")).isEqualTo(directSummary.get("bytes"));
            assertThat(result.chunks()).isEqualTo(plan.chunks());
            assertThat(summary.at("/estimatedCost/usage/lambdaRequests").asLong())
                    .isEqualTo(directSummary.at("/estimatedCost/usage/lambdaRequests").asLong()
                            + plan.combine().groups());
        }
    }

    @Test
    void aCombinedPartialIsInTheJobsPartialFormat_holdingItsGroupsPartials() {
        String text = text();
        try (Fixture f = new Fixture(settings(4))) {
            SplitPlan plan = splitAndMap(f, text, 0, List.of());
            CombineResult result = f.reducer().combine(plan, 1);

            assertThat(result).isEqualTo(new CombineResult(1, 4, 0, "s3://work/jobs/job1/combined/000001"));
            @SuppressWarnings("unchecked")
            var job = (Job<Object>) f.jobs.require("wordcount");
            Object combined = job.decode(f.blobs.stored(new ObjectLocation("work", Keys.combined("job1", 1)))
                    .orElseThrow().body());
            Object expected = job.newAccumulator();
            for (int i = 4; i < 8; i++) {
                expected = job.merge(expected, job.decode(f.blobs.stored(new ObjectLocation("work",
                        Keys.partial("job1", i))).orElseThrow().body()));
            }
            assertThat(combined).isEqualTo(expected);
        }
    }

    @Test
    void aRepeatedCombineTaskWritesTheSameObject() {
        try (Fixture f = new Fixture(settings(4))) {
            SplitPlan plan = splitAndMap(f, text(), 10, List.of(5));
            ObjectLocation combined = new ObjectLocation("work", Keys.combined("job1", 1));
            f.reducer().combine(plan, 1);
            var first = f.blobs.stored(combined).orElseThrow();
            f.reducer().combine(plan, 1);
            var second = f.blobs.stored(combined).orElseThrow();

            assertThat(second.body()).isEqualTo(first.body());
            // the fixture's clock is fixed, so the task's own duration is the same too
            assertThat(second.metadata()).isEqualTo(first.metadata());
        }
    }

    @Test
    void toleratedFailedChunksAreCarriedThroughTheCombineLevel_intoTheSummary() {
        String text = text();
        List<Integer> failed = List.of(2, 9);
        String direct;
        JsonNode directSummary;
        try (Fixture f = new Fixture(settings(100_000))) {
            f.reducer().reduce(splitAndMap(f, text, 10, failed));
            direct = f.blobs.text(RESULT);
            directSummary = json(f.blobs.text(SUMMARY));
        }
        try (Fixture f = new Fixture(settings(4))) {
            SplitPlan plan = splitAndMap(f, text, 10, failed);
            combineAll(f, plan);
            CombineResult group0 = f.reducer().combine(plan, 0);
            f.reducer().reduce(plan);

            assertThat(group0.missingChunks()).isEqualTo(1);
            assertThat(f.blobs.text(RESULT)).isEqualTo(direct);
            JsonNode summary = json(f.blobs.text(SUMMARY));
            assertThat(summary.get("failedChunks").findValuesAsText("index")).containsExactly("2", "9");
            assertThat(summary.get("failedChunks")).isEqualTo(directSummary.get("failedChunks"));
            assertThat(summary.get("partial").asBoolean()).isTrue();
            assertThat(summary.get("chunks")).isEqualTo(directSummary.get("chunks"));
            assertThat(summary.at("/chunks/failed").asInt()).isEqualTo(2);
        }
    }

    @Test
    void moreFailedChunksThanTolerated_failTheFinalReduce_withNothingWritten() {
        try (Fixture f = new Fixture(settings(4))) {
            SplitPlan plan = splitAndMap(f, text(), 1, List.of(2, 9)); // 2 of ~29 chunks, 1 % tolerated
            combineAll(f, plan);

            assertThatThrownBy(() -> f.reducer().reduce(plan)).isInstanceOfSatisfying(MissingPartialsException.class,
                    e -> assertThat(e.chunks()).containsExactly(2, 9)).hasMessageContaining("no result was written");
            assertThat(f.blobs.keys("out")).isEmpty();
        }
    }

    /**
     * A lost partial (no partial, no failure record, not in the Map's results): the combine task notes it and goes
     * on — it cannot tell a lost partial from a heartbeat timeout — and the final reduce names it, as the direct one.
     */
    @Test
    void aChunkWithNeitherPartialNorFailure_isNotedByItsCombineTask_andFailsTheFinalReduce_namingIt() {
        try (Fixture f = new Fixture(settings(4))) {
            SplitPlan plan = splitAndMap(f, text(), 10, List.of(), List.of(6));

            CombineResult group1 = f.reducer().combine(plan, 1);
            assertThat(group1.missingChunks()).isEqualTo(1);
            assertThat(group1.chunks()).isEqualTo(3);
            for (int g = 0; g < plan.combine().groups(); g++) {
                f.reducer().combine(plan, g);
            }

            assertThatThrownBy(() -> f.reducer().reduce(plan)).isInstanceOfSatisfying(MissingPartialsException.class,
                    e -> assertThat(e.chunks()).containsExactly(6)).hasMessageContaining("no result was written");
            assertThat(f.blobs.keys("out")).isEmpty();
        }
    }

    /**
     * A worker that died silently on every try leaves no failure record; the Map's ResultWriter files name the chunk
     * (States.HeartbeatTimeout). Its combine task does not wait for or fail on its partial; the final reduce, given the
     * Map's result, tolerates it and names it with the Map's error — the same summary and bytes as the direct reduce.
     */
    @Test
    void aHeartbeatTimedOutChunkWithoutAFailureRecord_isToleratedThroughTheCombineLevel_asOnTheDirectPath() {
        String text = text();
        String direct;
        JsonNode directSummary;
        try (Fixture f = new Fixture(settings(100_000))) {
            SplitPlan plan = splitAndMap(f, text, 10, List.of(), List.of(6));
            MapRunResult mapResult = timedOut(f, plan, 6);
            f.reducer().reduce(plan, mapResult);
            direct = f.blobs.text(RESULT);
            directSummary = json(f.blobs.text(SUMMARY));
        }
        try (Fixture f = new Fixture(settings(4))) {
            SplitPlan plan = splitAndMap(f, text, 10, List.of(), List.of(6));
            MapRunResult mapResult = timedOut(f, plan, 6);
            combineAll(f, plan);
            ReduceResult result = f.reducer().reduce(plan, mapResult);

            assertThat(result.failedChunks()).isEqualTo(1);
            assertThat(f.blobs.text(RESULT)).isEqualTo(direct).isEqualTo(referenceWithout(f, plan, text, 6));
            JsonNode summary = json(f.blobs.text(SUMMARY));
            assertThat(summary.get("partial").asBoolean()).isTrue();
            assertThat(summary.get("failedChunks")).singleElement().satisfies(c -> {
                assertThat(c.get("index").asInt()).isEqualTo(6);
                assertThat(c.get("error").asText()).isEqualTo("States.HeartbeatTimeout");
            });
            assertThat(summary.get("failedChunks")).isEqualTo(directSummary.get("failedChunks"));
            assertThat(summary.get("chunks")).isEqualTo(directSummary.get("chunks"));
            assertThat(f.blobs.stored(RESULT).orElseThrow().metadata()).containsEntry("partial", "true");
        }
    }

    /** The same timed-out chunk beyond the tolerance (1 % of ~29 chunks) fails the final reduce; nothing is written. */
    @Test
    void aHeartbeatTimedOutChunkBeyondTheTolerance_failsTheFinalReduce_withNothingWritten() {
        try (Fixture f = new Fixture(settings(4))) {
            SplitPlan plan = splitAndMap(f, text(), 1, List.of(), List.of(6));
            MapRunResult mapResult = timedOut(f, plan, 6);
            combineAll(f, plan);

            assertThatThrownBy(() -> f.reducer().reduce(plan, mapResult))
                    .isInstanceOfSatisfying(MissingPartialsException.class,
                            e -> assertThat(e.chunks()).containsExactly(6));
            assertThat(f.blobs.keys("out")).isEmpty();
        }
    }

    /**
     * The Map's ResultWriter output for one child that timed out, as Step Functions writes it: a manifest naming a
     * FAILED_0.json whose entry has the child's input as a string
     * (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html).
     */
    private static MapRunResult timedOut(Fixture f, SplitPlan plan, int index) {
        String prefix = "jobs/" + plan.jobId() + "/map-results/run1/";
        Chunk chunk = f.manifest(plan).get(index);
        String input = Json.write(Map.of("chunk", chunk, "heartbeatSeconds", plan.heartbeatSeconds()));
        f.blobs.put(new ObjectLocation("work", prefix + "FAILED_0.json"), Json.writeBytes(List.of(Map.of(
                "Status", "TIMED_OUT", "Error", "States.HeartbeatTimeout", "Cause", "", "Input", input))),
                "application/json", Map.of());
        ObjectLocation manifest = new ObjectLocation("work", prefix + "manifest.json");
        f.blobs.put(manifest, Json.writeBytes(Map.of("ResultFiles", Map.of("FAILED", List.of(Map.of(
                "Key", prefix + "FAILED_0.json", "Size", 1))))), "application/json", Map.of());
        return new MapRunResult("arn:aws:states:us-east-1:123456789012:mapRun:pipeline/run1", manifest);
    }

    /**
     * The reference count over every line but those chunk {@code index} owns (a chunk owns the lines that start in
     * its byte range, {@code InputFormat}'s rule), found by byte offset, independently of the pipeline's readers.
     */
    private static String referenceWithout(Fixture f, SplitPlan plan, String text, int index) {
        Chunk chunk = f.manifest(plan).get(index);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder kept = new StringBuilder();
        int lineStart = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                if (lineStart < i && (lineStart < chunk.start() || lineStart >= chunk.end())) {
                    kept.append(new String(bytes, lineStart, i - lineStart, StandardCharsets.UTF_8)).append('\n');
                }
                lineStart = i + 1;
            }
        }
        assertThat(kept.length()).as("chunk %d holds lines", index).isLessThan(text.length());
        return reference(kept.toString());
    }

    @Test
    void aMissingCombinedPartial_failsTheFinalReduce_namingTheGroup() {
        try (Fixture f = new Fixture(settings(4))) {
            SplitPlan plan = splitAndMap(f, text(), 0, List.of());
            for (int g = 0; g < plan.combine().groups(); g++) {
                if (g != 2) {
                    f.reducer().combine(plan, g);
                }
            }

            assertThatThrownBy(() -> f.reducer().reduce(plan)).isInstanceOfSatisfying(MissingPartialsException.class,
                    e -> assertThat(e.chunks()).containsExactly(8, 9, 10, 11))
                    .hasMessageContaining("groups [2]");
            assertThat(f.blobs.keys("out")).isEmpty();
        }
    }

    @Test
    void aCombineRequestForAJobWithoutACombineLevelIsRefused() {
        try (Fixture f = new Fixture(settings(100_000))) {
            SplitPlan plan = splitAndMap(f, text(), 0, List.of());

            assertThatThrownBy(() -> f.reducer().combine(plan, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("has no combine level");
        }
    }
}
