package dev.fanout.core.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.fanout.core.error.InputNotFoundException;
import dev.fanout.core.error.InvalidRequestException;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.Chunk;
import dev.fanout.core.model.Compression;
import dev.fanout.core.model.JobRequest;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.model.ObjectPrefix;
import dev.fanout.core.model.SplitPlan;
import dev.fanout.core.testing.Fixture;
import dev.fanout.core.testing.Gzip;
import dev.fanout.core.testing.RecordingCallbacks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Jobs over every object under a prefix: planning, reading (groups, ranges, gzip, headers) and failures. */
class PrefixInputsTest {
    private final Fixture f = new Fixture();

    @AfterEach
    void close() {
        f.close();
    }

    private static JobRequest prefixJob(String jobId, String jobType, String prefix, long chunkSize,
                                        Map<String, String> options) {
        return new JobRequest(jobId, jobType, null, chunkSize, null, null, 0, options,
                new ObjectPrefix(Fixture.IN, prefix));
    }

    private static Map<String, Long> wordCounts(String text) {
        Map<String, Long> counts = new HashMap<>();
        Matcher m = Pattern.compile("[\\p{L}\\p{Nd}]+").matcher(text);
        while (m.find()) {
            counts.merge(m.group().toLowerCase(java.util.Locale.ROOT), 1L, Long::sum);
        }
        return counts;
    }

    private Map<String, Long> result(ReduceResult r) {
        return result(f, r);
    }

    @Nested
    class Planning {
        @Test
        void groupsSmallObjects_splitsBigOnes_andPassesOverEmptyOnesAndFolderMarkers() {
            f.blobs.put(Fixture.in("p/a.txt"), "aa\n");          // 3
            f.blobs.put(Fixture.in("p/b.txt"), "bbbb\n");        // 5
            f.blobs.put(Fixture.in("p/c/"), "");                 // folder marker
            f.blobs.put(Fixture.in("p/d.txt"), "");              // empty
            f.blobs.put(Fixture.in("p/e.txt"), "e".repeat(25));  // big: 3 ranges of 10
            f.blobs.put(Fixture.in("p/f.txt"), "ff\n");
            f.blobs.put(Fixture.in("other/x.txt"), "not under the prefix");

            SplitPlan plan = f.splitter().split(prefixJob("j1", "wordcount", "p/", 10, Map.of()));
            List<Chunk> chunks = f.manifest(plan);

            assertThat(plan.chunks()).isEqualTo(5);
            assertThat(plan.bytes()).isEqualTo(3 + 5 + 25 + 3);
            assertThat(plan.inputPrefix()).isEqualTo(new ObjectPrefix("in", "p/"));
            Chunk group = chunks.get(0);
            assertThat(group.objects().count()).isEqualTo(2);
            assertThat(group.objects().firstKey()).isEqualTo("p/a.txt");
            assertThat(group.objects().lastKey()).isEqualTo("p/b.txt");
            assertThat(group.input()).isEqualTo(new ObjectLocation("work", "jobs/j1/segments.jsonl"));
            assertThat(chunks.subList(1, 4)).allSatisfy(c -> assertThat(c.input()).isEqualTo(Fixture.in("p/e.txt")))
                    .extracting(Chunk::start).containsExactly(0L, 10L, 20L);
            assertThat(chunks.get(4).input()).isEqualTo(Fixture.in("p/f.txt"));
            assertThat(chunks.get(4).objects()).isNull();
            assertThat(f.blobs.text(new ObjectLocation("work", "jobs/j1/segments.jsonl")).lines().toList())
                    .hasSize(2).allSatisfy(l -> assertThat(l).contains("\"etag\""));
        }

        @Test
        void boundsAGroupByObjectCount_andNeverListsKeysInADescriptor() {
            PipelineSettings few = f.settings.withLimits(new Limits(100, 4096, 1, 1L << 30, 1000, 1000, 3));
            try (Fixture g = new Fixture(few)) {
                String longName = "k".repeat(900);
                for (int i = 0; i < 10; i++) {
                    g.blobs.put(Fixture.in("many/" + longName + i), "w" + i + "\n");
                }
                SplitPlan plan = g.splitter().split(prefixJob("j2", "wordcount", "many/", 1 << 20, Map.of()));
                List<Chunk> chunks = g.manifest(plan);

                assertThat(chunks).extracting(c -> c.objects() == null ? 1 : c.objects().count())
                        .containsExactly(3, 3, 3, 1);
                // a descriptor names at most its first and last object, however many it reads
                assertThat(chunks).allSatisfy(c -> assertThat(Json.write(c).length()).isLessThan(4_000));
                assertThat(result(g, g.run(prefixJob("j3", "wordcount", "many/", 1 << 20, Map.of()))))
                        .hasSize(10).containsEntry("w7", 1L);
            }
        }

        @Test
        void aGzipObjectIsNeverSplit_evenWhenBig() {
            byte[] gz = Gzip.of("word ".repeat(10_000));
            f.blobs.put(Fixture.in("z/big.txt.gz"), gz, "application/gzip", Map.of());
            SplitPlan plan = f.splitter().split(prefixJob("j4", "wordcount", "z/", 1024, Map.of()));
            Chunk only = f.manifest(plan).getFirst();
            assertThat(plan.chunks()).isEqualTo(1);
            assertThat(only.compression()).isEqualTo(Compression.GZIP);
            assertThat(only.length()).isEqualTo(gz.length);
        }

        @Test
        void tooManyChunksFailAsABadChunkSize() {
            f.blobs.put(Fixture.in("huge/a.txt"), "x".repeat(2_000));
            assertThatThrownBy(() -> f.splitter().split(prefixJob("j5", "wordcount", "huge/", 1, Map.of())))
                    .isInstanceOf(InvalidRequestException.class)
                    .satisfies(e -> assertThat(((InvalidRequestException) e).field()).isEqualTo("chunkSizeBytes"));
        }

        @Test
        void aPrefixWithNoObjectFailsNamingIt_butOneOfEmptyObjectsGivesAnEmptyResult() {
            assertThatThrownBy(() -> f.splitter().split(prefixJob("j6", "wordcount", "nothing/", 10, Map.of())))
                    .isInstanceOf(InputNotFoundException.class).hasMessageContaining("s3://in/nothing/");

            f.blobs.put(Fixture.in("hollow/"), "");
            f.blobs.put(Fixture.in("hollow/empty.txt"), "");
            ReduceResult r = f.run(prefixJob("j7", "wordcount", "hollow/", 10, Map.of()));
            assertThat(r.chunks()).isZero();
            assertThat(result(r)).isEmpty();
        }
    }

    private static Map<String, Long> result(Fixture g, ReduceResult r) {
        try {
            return Json.mapper().readValue(g.blobs.text(ObjectLocation.parseUri(r.resultUri(), "r")),
                    new TypeReference<Map<String, Long>>() { });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Nested
    class Reading {
        @Test
        void wordcountOverSmallBigAndGzipObjects_equalsACountOfAllTheirText() {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < 40; i++) {
                String text = "small file " + i + " Ünïcode\n";
                f.blobs.put(Fixture.in("mix/s" + String.format("%03d", i) + ".txt"), text);
                all.append(text);
            }
            String big = ("the big file has many lines " + "word ".repeat(7) + "\n").repeat(200);
            f.blobs.put(Fixture.in("mix/big.txt"), big);
            all.append(big);
            String zipped = "zipped words inside the gzip\n".repeat(50);
            f.blobs.put(Fixture.in("mix/z.log.gz"), Gzip.of(zipped), "application/gzip", Map.of());
            all.append(zipped);

            ReduceResult r = f.run(prefixJob("w1", "wordcount", "mix/", 512, Map.of()));

            assertThat(result(r)).isEqualTo(wordCounts(all.toString()));
            assertThat(r.bytes()).isEqualTo(f.blobs.list("in", "mix/").stream().mapToLong(o -> o.size()).sum());
        }

        @Test
        void csvUnderAPrefix_eachObjectsHeaderPassedOver() throws Exception {
            f.blobs.put(Fixture.in("sales/1.csv"), "city,amount\noslo,1\nbergen,2\n");
            f.blobs.put(Fixture.in("sales/2.csv.gz"), Gzip.of("city,amount\noslo,10\n"), "application/gzip", Map.of());
            f.blobs.put(Fixture.in("sales/3.csv"), "\uFEFFcity,amount\r\nbergen,5\r\n");

            ReduceResult r = f.run(prefixJob("c1", "csv-aggregate", "sales/", 1 << 20,
                    Map.of("group-by", "city", "value", "amount")));

            Map<String, Map<String, Object>> groups = Json.mapper().readValue(
                    f.blobs.text(ObjectLocation.parseUri(r.resultUri(), "r")), new TypeReference<>() { });
            assertThat(groups.get("oslo")).containsEntry("count", 2).containsEntry("sum", 11);
            assertThat(groups.get("bergen")).containsEntry("count", 2).containsEntry("sum", 7);
            assertThat(r.records()).isEqualTo(4);
        }

        @Test
        void anObjectWithAnotherHeaderFailsTheChunk_namingTheObject() {
            f.blobs.put(Fixture.in("mixed/1.csv"), "city,amount\noslo,1\n");
            f.blobs.put(Fixture.in("mixed/2.csv"), "town,amount\noslo,1\n");

            List<RecordingCallbacks.Call> failed = runAll(prefixJob("c2", "csv-aggregate", "mixed/", 1 << 20,
                    Map.of("group-by", "city", "value", "amount")));

            assertThat(failed).singleElement().satisfies(c -> assertThat(c.cause())
                    .contains("chunk 0 of 1").contains("s3://in/mixed/2.csv").contains("header"));
        }

        @Test
        void aChangedObjectFailsTheJob_namingIt() {
            f.blobs.put(Fixture.in("live/1.txt"), "one\n");
            f.blobs.put(Fixture.in("live/2.txt"), "two\n");
            SplitPlan plan = f.splitter().split(prefixJob("e1", "wordcount", "live/", 1 << 20, Map.of()));
            f.blobs.put(Fixture.in("live/2.txt"), "changed\n");

            for (Chunk chunk : f.manifest(plan)) {
                f.process(chunk, 1);
            }

            assertThat(f.callbacks.calls("fail")).singleElement().satisfies(c -> {
                assertThat(c.error()).isEqualTo("dev.fanout.core.error.InputNotFoundException");
                assertThat(c.cause()).contains("in/live/2.txt").contains("changed");
            });
        }

        @Test
        void aCorruptGzipObjectFailsNamingItAndTheOffset() {
            byte[] gz = Gzip.of("line\n".repeat(1000));
            byte[] cut = java.util.Arrays.copyOf(gz, gz.length - 10);
            f.blobs.put(Fixture.in("bad/ok.txt"), "fine\n");
            f.blobs.put(Fixture.in("bad/broken.log.gz"), cut, "application/gzip", Map.of());

            List<RecordingCallbacks.Call> failed = runAll(prefixJob("g1", "wordcount", "bad/", 1 << 20, Map.of()));

            assertThat(failed).singleElement().satisfies(c -> {
                assertThat(c.error()).isEqualTo("dev.fanout.core.error.MalformedRecordException");
                assertThat(c.cause()).contains("s3://in/bad/broken.log.gz").contains("gzip stream is corrupt")
                        .contains("compressed byte offset " + cut.length);
            });
        }

        @Test
        void jsonLines_aMalformedLineFailsNamingChunkObjectAndOffset_orIsSkippedAndCounted() throws Exception {
            f.blobs.put(Fixture.in("events/a.jsonl"), "{\"k\":\"x\",\"v\":1}\n{\"k\":\"y\",\"v\":2.5}\n");
            f.blobs.put(Fixture.in("events/b.jsonl"), "{\"k\":\"x\",\"v\":3}\n{\"k\": oops}\n{\"k\":\"y\"}\n");
            Map<String, String> fail = Map.of("group-by", "k", "value", "v");

            List<RecordingCallbacks.Call> failed = runAll(prefixJob("l1", "jsonl-aggregate", "events/", 1 << 20, fail));
            assertThat(failed).singleElement().satisfies(c -> assertThat(c.cause()).contains("chunk 0 of 1")
                    .contains("s3://in/events/b.jsonl").contains("byte offset 16").doesNotContain("oops"));

            ReduceResult r = f.run(prefixJob("l2", "jsonl-aggregate", "events/", 1 << 20,
                    Map.of("group-by", "k", "value", "v", "on-bad-record", "skip")));
            Map<String, Map<String, Object>> groups = Json.mapper().readValue(
                    f.blobs.text(ObjectLocation.parseUri(r.resultUri(), "r")), new TypeReference<>() { });
            assertThat(groups.get("x")).containsEntry("count", 2).containsEntry("sum", 4);
            assertThat(groups.get("y")).containsEntry("count", 1).containsEntry("sum", 2.5);
            JobSummary summary = Json.read(f.blobs.text(ObjectLocation.parseUri(r.summaryUri(), "s")),
                    JobSummary.class);
            assertThat(summary.skippedRecords()).isEqualTo(2); // the malformed line and the record without "v"
            assertThat(summary.records()).isEqualTo(4);
        }
    }

    /** Splits and runs every chunk once; the SendTaskFailure calls. */
    private List<RecordingCallbacks.Call> runAll(JobRequest request) {
        SplitPlan plan = f.splitter().split(request);
        for (Chunk chunk : f.manifest(plan)) {
            f.process(chunk, 1);
        }
        return f.callbacks.calls("fail");
    }

}
