package dev.fanout.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.core.cost.FunctionMemory;
import dev.fanout.core.error.MissingPartialsException;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.Chunk;
import dev.fanout.core.model.JobRequest;
import dev.fanout.core.model.JobStatus;
import dev.fanout.core.model.MapRunResult;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.model.SplitPlan;
import dev.fanout.core.testing.DeferredExecutor;
import dev.fanout.core.testing.Fixture;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReducerTest {
    private static final ObjectLocation SUMMARY = new ObjectLocation("out", "results/job1/summary.json");
    private static final ObjectLocation RESULT = new ObjectLocation("out", "results/job1/result.json");

    private static String randomText(Random random, int lines) {
        String[] words = {"alpha", "Beta", "gamma", "δέλτα", "e5", "ALPHA"};
        StringBuilder text = new StringBuilder();
        for (int l = 0; l < lines; l++) {
            for (int w = random.nextInt(8); w > 0; w--) {
                text.append(words[random.nextInt(words.length)]).append(random.nextBoolean() ? " " : ", ");
            }
            text.append(random.nextBoolean() ? "\n" : "\r\n");
        }
        return text.toString();
    }

    private static String referenceWordCount(String text) {
        Map<String, Long> counts = new TreeMap<>();
        Matcher m = Pattern.compile("[\\p{L}\\p{Nd}]+").matcher(text);
        while (m.find()) {
            counts.merge(m.group().toLowerCase(Locale.ROOT), 1L, Long::sum);
        }
        return Json.write(counts);
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void combinesEveryChunkIntoTheResultAndWritesTheSummary() {
        try (Fixture f = new Fixture(3)) {
            String text = randomText(new Random(5), 400);
            f.blobs.put(Fixture.in("t.txt"), text);
            ReduceResult result = f.run(Fixture.request("job1", "wordcount", "t.txt", 97L, null, Map.of()));

            int chunks = (int) Math.ceil(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length / 97.0);
            assertThat(f.blobs.text(RESULT)).isEqualTo(referenceWordCount(text));
            assertThat(result).isEqualTo(new ReduceResult("s3://out/results/job1/result.json",
                    "s3://out/results/job1/summary.json", chunks, 400, text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, 0));
            JsonNode summary = json(f.blobs.text(SUMMARY));
            assertThat(summary.get("jobId").asText()).isEqualTo("job1");
            assertThat(summary.get("jobType").asText()).isEqualTo("wordcount");
            assertThat(summary.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(summary.get("partial").asBoolean()).isFalse();
            assertThat(f.blobs.stored(RESULT).orElseThrow().metadata()).isEmpty();
            assertThat(summary.get("chunks").get("total").asInt()).isEqualTo(chunks);
            assertThat(summary.get("chunks").get("succeeded").asInt()).isEqualTo(chunks);
            assertThat(summary.get("records").asLong()).isEqualTo(400);
            assertThat(summary.get("resultUri").asText()).isEqualTo("s3://out/results/job1/result.json");
            assertThat(summary.get("estimatedCost").get("totalUsd").asDouble()).isPositive();
            assertThat(f.blobs.maxInFlightGets()).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void csvResultsDoNotDependOnTheChunkSize() {
        Random random = new Random(9);
        StringBuilder csv = new StringBuilder("\uFEFFid,\"city\",amount\r\n");
        Map<String, java.math.BigDecimal> sums = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        String[] cities = {"Paris", "Zürich", "\"New, York\"", "東京"};
        for (int i = 0; i < 300; i++) {
            String city = cities[random.nextInt(cities.length)];
            int cents = random.nextInt(-10_000, 10_000);
            csv.append(i).append(',').append(city).append(',').append(java.math.BigDecimal.valueOf(cents, 2))
                    .append(random.nextBoolean() ? "\n" : "\r\n");
            String key = city.startsWith("\"") ? city.substring(1, city.length() - 1) : city;
            sums.merge(key, java.math.BigDecimal.valueOf(cents, 2), java.math.BigDecimal::add);
            counts.merge(key, 1, Integer::sum);
        }
        for (long chunkSize : new long[] {1, 7, 50, 333, 100_000}) {
            try (Fixture f = new Fixture(new PipelineSettings("in", "work", "out", 10, 30, 64 << 10, 1000, 3, 4, new FunctionMemory(1024, 2048, 2048),
                    new Limits(100, 4096, 1, 1L << 30, 1000, 100_000)))) {
                f.blobs.put(Fixture.in("s.csv"), csv.toString());
                ReduceResult result = f.run(Fixture.request("job1", "csv-aggregate", "s.csv", chunkSize, null,
                        Map.of("group-by", "city", "value", "amount")));
                assertThat(result.records()).as("chunk size %d", chunkSize).isEqualTo(300);
                JsonNode groups = json(f.blobs.text(RESULT));
                assertThat(groups.size()).isEqualTo(sums.size());
                sums.forEach((city, sum) -> {
                    assertThat(groups.get(city).get("count").asInt()).isEqualTo(counts.get(city));
                    assertThat(groups.get(city).get("sum").decimalValue()).isEqualByComparingTo(sum);
                });
            }
        }
    }

    @Test
    void readsAtMostTheConfiguredNumberOfPartialsAtOnce() {
        try (Fixture f = new Fixture(3)) {
            f.blobs.put(Fixture.in("t.txt"), "w\n".repeat(100));
            SplitPlan plan = f.splitter().split(Fixture.request("job1", "wordcount", "t.txt", 10L, null, Map.of()));
            f.manifest(plan).forEach(chunk -> f.process(chunk, 1));
            DeferredExecutor pool = new DeferredExecutor();
            ReduceResult result = f.reducer(pool).reduce(plan);
            assertThat(pool.maxPending()).isEqualTo(3);
            assertThat(result.chunks()).isEqualTo(20);
            assertThat(f.blobs.text(RESULT)).isEqualTo("{\"w\":100}");
        }
    }

    @Test
    void keepsTheInputOrderAcrossManyChunks() {
        try (Fixture f = new Fixture(4)) {
            String items = IntStream.range(0, 500).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
            String doubled = IntStream.range(0, 500).mapToObj(i -> Integer.toString(2 * i))
                    .collect(Collectors.joining(",", "[", "]"));
            f.blobs.put(Fixture.in("n.json"), items);
            f.run(Fixture.request("job1", "double", "n.json", null, 7, Map.of()));
            assertThat(f.blobs.text(RESULT)).isEqualTo(doubled);
        }
    }

    @Test
    void anEmptyInputGivesTheEmptyResult() {
        try (Fixture f = new Fixture()) {
            f.blobs.put(Fixture.in("e.txt"), "");
            ReduceResult result = f.run(Fixture.request("job1", "wordcount", "e.txt", null, null, Map.of()));
            assertThat(f.blobs.text(RESULT)).isEqualTo("{}");
            assertThat(result.chunks()).isZero();
            assertThat(f.blobs.stored(SUMMARY)).isPresent();
        }
    }

    private static SplitPlan splitAndRunAllBut(Fixture f, List<Integer> skipped, double tolerance) {
        f.blobs.put(Fixture.in("t.txt"), "word\n".repeat(100));
        SplitPlan plan = f.splitter().split(new JobRequest("job1", "wordcount", Fixture.in("t.txt"), 10L, null, null,
                tolerance, Map.of()));
        for (Chunk chunk : f.manifest(plan)) {
            if (!skipped.contains(chunk.index())) {
                f.process(chunk, 1);
            }
        }
        return plan;
    }

    @Test
    void refusesToWriteAnythingWhenPartialsAreMissing_namingTheChunks() {
        try (Fixture f = new Fixture()) {
            SplitPlan plan = splitAndRunAllBut(f, List.of(3, 17), 0);
            assertThatThrownBy(() -> f.reducer().reduce(plan))
                    .isInstanceOfSatisfying(MissingPartialsException.class,
                            e -> assertThat(e.chunks()).containsExactly(3, 17))
                    .hasMessageContaining("2 of 50 chunks").hasMessageContaining("[3, 17]");
            assertThat(f.blobs.keys("out")).isEmpty();
        }
    }

    @Test
    void namesTheFirstTwentyMissingChunksAndCountsTheRest() {
        try (Fixture f = new Fixture()) {
            List<Integer> skipped = IntStream.range(10, 35).boxed().toList();
            SplitPlan plan = splitAndRunAllBut(f, skipped, 0);
            assertThatThrownBy(() -> f.reducer().reduce(plan))
                    .isInstanceOfSatisfying(MissingPartialsException.class,
                            e -> assertThat(e.chunks()).isEqualTo(skipped.subList(0, 20)))
                    .hasMessageContaining("25 of 50").hasMessageContaining("and 5 more");
        }
    }

    private static void writeFailureRecord(Fixture f, int index) {
        f.blobs.put(new ObjectLocation("work", Keys.failure("job1", index)), Json.writeBytes(new FailureRecord(index,
                50, "wordcount", "dev.fanout.core.error.MalformedRecordException", "chunk " + index
                + " of 50 (s3://in/t.txt, bytes x-y): the line at byte offset " + (index * 10) + " is not valid UTF-8",
                (long) index * 10)), "application/json", Map.of());
    }

    @Test
    void toleratedFailuresAreLeftOutAndListedInTheSummary() {
        try (Fixture f = new Fixture()) {
            SplitPlan plan = splitAndRunAllBut(f, List.of(4, 9), 10);
            writeFailureRecord(f, 4);
            writeFailureRecord(f, 9);
            ReduceResult result = f.reducer().reduce(plan);
            assertThat(result.chunks()).isEqualTo(48);
            assertThat(f.blobs.text(RESULT)).isEqualTo("{\"word\":96}");
            JsonNode summary = json(f.blobs.text(SUMMARY));
            assertThat(summary.get("chunks").get("failed").asInt()).isEqualTo(2);
            assertThat(summary.get("partial").asBoolean()).isTrue();
            assertThat(summary.get("failedChunks")).extracting(c -> c.get("index").asInt()).containsExactly(4, 9);
            assertThat(summary.get("failedChunks").get(0).get("error").asText())
                    .isEqualTo("dev.fanout.core.error.MalformedRecordException");
            assertThat(summary.get("failedChunks").get(0).get("cause").asText()).contains("byte offset 40");
            assertThat(f.blobs.stored(RESULT).orElseThrow().metadata()).containsEntry("partial", "true")
                    .containsEntry("failed-chunks", "2");
            assertThat(result.partial()).isTrue();
        }
    }

    /** The Distributed Map's ResultWriter files, as Step Functions writes them: these children failed. */
    private static MapRunResult writeMapResults(Fixture f, Map<Integer, String> failedWithError) {
        String base = "jobs/job1/map-results/run-1/";
        StringBuilder failed = new StringBuilder("[");
        failedWithError.forEach((index, error) -> {
            if (failed.length() > 1) {
                failed.append(',');
            }
            String input = Json.write(Map.of("chunk", Map.of("jobId", "job1", "index", index), "heartbeatSeconds", 30));
            failed.append(Json.write(Map.of("ExecutionArn", "arn:aws:states:us-east-1:1:execution:sm/run:" + index,
                    "Input", input, "Name", "child-" + index, "Status", "FAILED", "Error", error,
                    "Cause", "no heartbeat from the worker of chunk " + index)));
        });
        failed.append(']');
        f.blobs.put(new ObjectLocation("work", base + "FAILED_0.json"), failed.toString());
        String manifest = "{\"DestinationBucket\":\"work\",\"MapRunArn\":\"arn:run\",\"ResultFiles\":{\"FAILED\":"
                + "[{\"Key\":\"" + base + "FAILED_0.json\",\"Size\":1}],\"PENDING\":[],\"SUCCEEDED\":[]}}";
        f.blobs.put(new ObjectLocation("work", base + "manifest.json"), manifest);
        return new MapRunResult("arn:run", new ObjectLocation("work", base + "manifest.json"));
    }

    @Test
    void chunksThatTimedOutWithoutAFailureRecordAreToleratedFromTheMapResults() {
        try (Fixture f = new Fixture()) {
            SplitPlan plan = splitAndRunAllBut(f, List.of(7), 5);
            MapRunResult mapResult = writeMapResults(f, Map.of(7, "States.HeartbeatTimeout"));

            ReduceResult result = f.reducer().reduce(plan, mapResult);

            assertThat(result.chunks()).isEqualTo(49);
            assertThat(result.failedChunks()).isEqualTo(1);
            assertThat(f.blobs.text(RESULT)).isEqualTo("{\"word\":98}");
            JsonNode summary = json(f.blobs.text(SUMMARY));
            assertThat(summary.get("partial").asBoolean()).isTrue();
            assertThat(summary.get("failedChunks").toString()).isEqualTo("[{\"index\":7,\"error\":"
                    + "\"States.HeartbeatTimeout\",\"cause\":\"no heartbeat from the worker of chunk 7\"}]");
            assertThat(f.blobs.stored(RESULT).orElseThrow().metadata()).containsEntry("partial", "true");
        }
    }

    @Test
    void aChunkWithAPartialHasNotFailed_whateverAnEarlierFailureRecordSays() {
        try (Fixture f = new Fixture()) {
            SplitPlan plan = splitAndRunAllBut(f, List.of(), 0);
            writeFailureRecord(f, 4); // from a failed run before a redrive that succeeded

            ReduceResult result = f.reducer().reduce(plan, writeMapResults(f, Map.of()));

            assertThat(result.partial()).isFalse();
            JsonNode summary = json(f.blobs.text(SUMMARY));
            assertThat(summary.get("partial").asBoolean()).isFalse();
            assertThat(summary.get("failedChunks")).isEmpty();
            assertThat(summary.get("chunks").get("failed").asInt()).isZero();
        }
    }

    @Test
    void aMissingPartialOfAChunkThatDidNotFailIsNeverTolerated() {
        try (Fixture f = new Fixture()) {
            SplitPlan plan = splitAndRunAllBut(f, List.of(7, 8), 10);
            MapRunResult mapResult = writeMapResults(f, Map.of(7, "States.HeartbeatTimeout")); // 8: a lost partial

            assertThatThrownBy(() -> f.reducer().reduce(plan, mapResult))
                    .isInstanceOfSatisfying(MissingPartialsException.class,
                            e -> assertThat(e.chunks()).containsExactly(7, 8));
            assertThat(f.blobs.keys("out")).isEmpty();
        }
    }

    @Test
    void failureRecordsWithoutToleranceStillMeanMissingPartials() {
        try (Fixture f = new Fixture()) {
            SplitPlan plan = splitAndRunAllBut(f, List.of(4), 0);
            writeFailureRecord(f, 4);
            assertThatThrownBy(() -> f.reducer().reduce(plan)).isInstanceOf(MissingPartialsException.class);
        }
    }

    @Test
    void moreFailuresThanToleratedMeanMissingPartials() {
        try (Fixture f = new Fixture()) {
            SplitPlan plan = splitAndRunAllBut(f, List.of(1, 2, 3), 4); // 6 % failed, 4 % tolerated
            List.of(1, 2, 3).forEach(i -> writeFailureRecord(f, i));
            assertThatThrownBy(() -> f.reducer().reduce(plan)).isInstanceOf(MissingPartialsException.class);
        }
    }

    @Test
    void reportFailureNamesTheFailedChunksAndOffsetsAndWritesAFailedSummary() {
        try (Fixture f = new Fixture()) {
            splitAndRunAllBut(f, List.of(2, 5), 0);
            writeFailureRecord(f, 2);
            writeFailureRecord(f, 5);
            FailureReport report = f.reducer().reportFailure("job1", "States.ExceedToleratedFailureThreshold",
                    "The specified tolerated failure threshold was exceeded");

            assertThat(report.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
            assertThat(report.cause()).startsWith("The specified tolerated failure threshold was exceeded")
                    .contains("2 chunks failed", "chunk 2 of 50", "byte offset 20", "chunk 5 of 50", "byte offset 50");
            JsonNode summary = json(f.blobs.text(SUMMARY));
            assertThat(summary.get("status").asText()).isEqualTo("FAILED");
            assertThat(summary.get("jobType").asText()).isEqualTo("wordcount");
            assertThat(summary.get("chunks").get("total").asInt()).isEqualTo(50);
            assertThat(summary.get("chunks").get("succeeded").asInt()).isEqualTo(48);
            assertThat(summary.get("failedChunks")).extracting(c -> c.get("index").asInt()).containsExactly(2, 5);
            assertThat(summary.get("partial").asBoolean()).isFalse();
            assertThat(summary.get("cause").asText()).isEqualTo(report.cause());
            assertThat(f.blobs.stored(RESULT)).isEmpty();
        }
    }

    @Test
    void reportFailureNamesChunksThatTimedOutFromTheMapResults() {
        try (Fixture f = new Fixture()) {
            splitAndRunAllBut(f, List.of(3, 11), 0);
            writeMapResults(f, Map.of(3, "States.HeartbeatTimeout", 11, "States.HeartbeatTimeout"));

            FailureReport report = f.reducer().reportFailure("job1", "States.ExceedToleratedFailureThreshold",
                    "The specified tolerated failure threshold was exceeded");

            assertThat(report.cause()).contains("2 chunks failed", "States.HeartbeatTimeout in chunk 3",
                    "States.HeartbeatTimeout in chunk 11");
            JsonNode summary = json(f.blobs.text(SUMMARY));
            assertThat(summary.get("failedChunks")).extracting(c -> c.get("index").asInt()).containsExactly(3, 11);
            assertThat(summary.get("chunks").get("succeeded").asInt()).isEqualTo(48);
        }
    }

    @Test
    void reportFailureTakesTheMessageOutOfALambdaErrorCause() {
        try (Fixture f = new Fixture()) {
            String lambdaCause = "{\"errorMessage\":\"the input s3://in/x does not exist\",\"errorType\":"
                    + "\"dev.fanout.core.error.InputNotFoundException\",\"stackTrace\":[\"a.b(C.java:1)\"]}";
            FailureReport report = f.reducer().reportFailure("job1", "dev.fanout.core.error.InputNotFoundException",
                    lambdaCause);
            assertThat(report.cause()).isEqualTo("the input s3://in/x does not exist");
        }
    }

    @Test
    void reportFailureWithoutFailureRecordsKeepsTheOriginalError() {
        try (Fixture f = new Fixture()) {
            FailureReport report = f.reducer().reportFailure("job1", "dev.fanout.core.error.InputNotFoundException",
                    "the input s3://in/x does not exist");
            assertThat(report).isEqualTo(new FailureReport("dev.fanout.core.error.InputNotFoundException",
                    "the input s3://in/x does not exist"));
            JsonNode summary = json(f.blobs.text(SUMMARY));
            assertThat(summary.get("status").asText()).isEqualTo(JobStatus.FAILED.name());
            assertThat(summary.get("chunks").get("total").asInt()).isEqualTo(-1);
        }
    }
}
