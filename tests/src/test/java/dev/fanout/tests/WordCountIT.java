package dev.fanout.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.tests.support.LocalPipeline;
import dev.fanout.tests.support.TextCorpus;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code wordcount} through the whole local pipeline, compared with an independent count of the same text. */
class WordCountIT {
    @RegisterExtension
    static final LocalPipeline pipeline = new LocalPipeline();

    private static Map<String, Long> counts(String resultJson) throws Exception {
        return LocalPipeline.JSON.readValue(resultJson, new TypeReference<Map<String, Long>>() { });
    }

    @Test
    void countsAMultiMebibyteTextInHundredsOfChunks() throws Exception {
        byte[] text = TextCorpus.generate(4L << 20, 42);
        String uri = pipeline.putInput("books/four-mib.txt", text);

        String jobId = pipeline.submit("{\"jobType\":\"wordcount\",\"input\":{\"s3Uri\":\"" + uri
                + "\"},\"chunkSizeBytes\":16384}");
        String result = pipeline.awaitResult(jobId);

        assertThat(counts(result)).isEqualTo(TextCorpus.count(text));
        JsonNode summary = pipeline.json(pipeline.read(pipeline.awaitEnd(jobId).get("summaryUri").asText()));
        int chunks = (int) Math.ceil(text.length / 16384.0);
        assertThat(summary.path("jobId").asText()).isEqualTo(jobId);
        assertThat(summary.path("jobType").asText()).isEqualTo("wordcount");
        assertThat(summary.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(summary.path("chunks").path("total").asInt()).isEqualTo(chunks).isGreaterThanOrEqualTo(200);
        assertThat(summary.path("chunks").path("succeeded").asInt()).isEqualTo(chunks);
        assertThat(summary.path("chunks").path("failed").asInt()).isZero();
        assertThat(summary.path("bytes").asLong()).isEqualTo(text.length);
        assertThat(summary.path("records").asLong()).isEqualTo(text.length == 0 ? 0 : lines(text));
        assertThat(summary.path("wallTimeMillis").path("split").isNumber()).isTrue();
        assertThat(summary.path("wallTimeMillis").path("map").isNumber()).isTrue();
        assertThat(summary.path("wallTimeMillis").path("reduce").isNumber()).isTrue();
        assertThat(summary.path("estimatedCost").path("totalUsd").asDouble()).isPositive();
    }

    @Test
    void runsAJobOfMoreThanAThousandChunks() throws Exception {
        byte[] text = TextCorpus.generate(1_100_000, 7);
        String uri = pipeline.putInput("books/thousand-chunks.txt", text);

        String jobId = pipeline.submit("{\"jobType\":\"wordcount\",\"input\":{\"s3Uri\":\"" + uri
                + "\"},\"chunkSizeBytes\":1024}");
        String result = pipeline.awaitResult(jobId);

        assertThat(counts(result)).isEqualTo(TextCorpus.count(text));
        JsonNode view = pipeline.awaitEnd(jobId);
        assertThat(view.path("chunksTotal").asLong()).isGreaterThanOrEqualTo(1_000);
        assertThat(view.path("chunksSucceeded").asLong()).isEqualTo(view.path("chunksTotal").asLong());
    }

    /** Lines as the pipeline counts records: every line terminator ends one, plus a final unterminated line. */
    private static long lines(byte[] text) {
        long n = 0;
        for (byte b : text) {
            if (b == '\n') {
                n++;
            }
        }
        return text[text.length - 1] == '\n' ? n : n + 1;
    }
}
