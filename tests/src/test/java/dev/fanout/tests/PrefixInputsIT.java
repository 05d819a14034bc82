package dev.fanout.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.tests.support.InputFiles;
import dev.fanout.tests.support.LocalPipeline;
import dev.fanout.tests.support.TextCorpus;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

/** Jobs over every object under a prefix, through the local pipeline: many small files, big ones, gzip ones. */
class PrefixInputsIT {
    @RegisterExtension
    static final LocalPipeline pipeline = new LocalPipeline();

    private static String prefixJob(String jobType, String prefix, String extra) {
        return "{\"jobType\":\"" + jobType + "\",\"input\":{\"s3Prefix\":\"s3://" + pipeline.runtime().inputBucket()
                + "/" + prefix + "\"}" + extra + "}";
    }

    private static void merge(Map<String, Long> into, byte[] text) {
        TextCorpus.count(text).forEach((w, n) -> into.merge(w, n, Long::sum));
    }

    @Test
    void wordcountOverThousandsOfSmallFiles_aFewBigOnesAndGzipOnes_equalsAnIndependentCountOfAllOfThem()
            throws Exception {
        Map<String, byte[]> objects = new LinkedHashMap<>();
        Map<String, Long> expected = new HashMap<>();
        long stored = 0;
        for (int i = 0; i < 2_000; i++) {
            byte[] text = TextCorpus.generate(200 + (i % 7) * 100, i);
            objects.put(String.format("corpus/small/%04d.txt", i), text);
            merge(expected, text);
        }
        for (int i = 0; i < 3; i++) {
            byte[] text = TextCorpus.generate(3L << 20, 10_000 + i);
            objects.put("corpus/big/" + i + ".txt", text);
            merge(expected, text);
        }
        for (int i = 0; i < 10; i++) {
            byte[] text = TextCorpus.generate(4_000, 20_000 + i);
            objects.put("corpus/logs/" + i + ".log.gz", InputFiles.gzip(text));
            merge(expected, text);
        }
        byte[] bigZipped = TextCorpus.generate(3L << 20, 30_000);
        objects.put("corpus/logs/big.log.gz", InputFiles.gzip(bigZipped));
        merge(expected, bigZipped);
        objects.put("corpus/empty.txt", new byte[0]);
        objects.put("corpus/folder/", new byte[0]);
        InputFiles.putAll(pipeline.runtime().s3(), pipeline.runtime().inputBucket(), objects);
        // gzip known only by its Content-Encoding, as S3 serves an object uploaded with it
        byte[] encoded = TextCorpus.generate(5_000, 40_000);
        pipeline.runtime().s3().putObject(r -> r.bucket(pipeline.runtime().inputBucket())
                .key("corpus/encoded/served-compressed.txt").contentEncoding("gzip"),
                RequestBody.fromBytes(InputFiles.gzip(encoded)));
        merge(expected, encoded);
        for (byte[] body : objects.values()) {
            stored += body.length;
        }
        stored += InputFiles.gzip(encoded).length;

        String jobId = pipeline.submit(prefixJob("wordcount", "corpus/", ",\"chunkSizeBytes\":262144"));
        String result = pipeline.awaitResult(jobId);

        Map<String, Long> counts = LocalPipeline.JSON.readValue(result, new TypeReference<>() { });
        assertThat(counts).isEqualTo(expected);
        JsonNode summary = pipeline.json(pipeline.read(pipeline.awaitEnd(jobId).path("summaryUri").asText()));
        assertThat(summary.path("bytes").asLong()).isEqualTo(stored);
        // 2,000 small files in a handful of grouped chunks, 12 ranges per big file, one chunk per big gzip file
        assertThat(summary.path("chunks").path("total").asInt()).isBetween(36 + 1 + 5, 36 + 1 + 20);
    }

    @Test
    void aPrefixOfOnlyEmptyObjectsGivesAnEmptyResult_andOneWithNoObjectIsRefused() {
        pipeline.putInput("hollow/", new byte[0]);
        pipeline.putInput("hollow/nothing.txt", new byte[0]);

        String counted = pipeline.submit(prefixJob("wordcount", "hollow/", ""));
        assertThat(pipeline.awaitResult(counted)).isEqualTo("{}");
        JsonNode summary = pipeline.json(pipeline.read(pipeline.awaitEnd(counted).path("summaryUri").asText()));
        assertThat(summary.path("chunks").path("total").asInt()).isZero();
        String grepped = pipeline.submit(prefixJob("grep", "hollow/", ",\"options\":{\"pattern\":\"x\"}"));
        assertThat(pipeline.json(pipeline.awaitResult(grepped))).isEqualTo(pipeline.json("{\"parts\":[],\"records\":0}"));

        LocalPipeline.Reply refused = pipeline.post("/jobs", prefixJob("wordcount", "no-such-folder/", ""));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("field").asText()).isEqualTo("input.s3Prefix");
        assertThat(refused.body().path("message").asText()).contains("no object is under")
                .contains("no-such-folder/");
    }

    @Test
    void aCorruptGzipObjectFailsTheJob_namingItAndTheOffset() {
        byte[] whole = InputFiles.gzip(TextCorpus.generate(50_000, 7));
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
        pipeline.putInput("broken/fine.txt", TextCorpus.generate(2_000, 8));
        pipeline.putInput("broken/torn.log.gz", truncated);

        JsonNode view = pipeline.awaitEnd(pipeline.submit(prefixJob("wordcount", "broken/", "")));

        assertThat(view.path("status").asText()).isEqualTo("FAILED");
        assertThat(view.path("error").asText()).isEqualTo("States.ExceedToleratedFailureThreshold");
        assertThat(view.path("cause").asText()).contains("dev.fanout.core.error.MalformedRecordException")
                .contains("broken/torn.log.gz")
                .contains("gzip stream is corrupt at compressed byte offset " + truncated.length);
    }
}
