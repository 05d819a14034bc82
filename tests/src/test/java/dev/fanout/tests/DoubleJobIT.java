package dev.fanout.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.tests.support.LocalPipeline;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code double} through the local pipeline: inline items and an uploaded JSON array, order kept across chunks. */
class DoubleJobIT {
    @RegisterExtension
    static final LocalPipeline pipeline = new LocalPipeline();

    @Test
    void doublesThousandsOfInlineItemsInOrder_acrossManyChunks() {
        List<Long> items = new Random(7).longs(3_000, -1_000_000, 1_000_000).boxed().toList();
        String array = items.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));

        String jobId = pipeline.submit("{\"jobType\":\"double\",\"input\":{\"items\":" + array
                + "},\"chunkSizeItems\":100}");
        JsonNode result = pipeline.json(pipeline.awaitResult(jobId));

        List<BigInteger> expected = items.stream().map(n -> BigInteger.valueOf(n * 2)).toList();
        List<BigInteger> actual = new ArrayList<>();
        result.forEach(n -> actual.add(n.bigIntegerValue()));
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void doublesAnUploadedArray_andTheSummaryCountsEveryChunk() {
        String array = java.util.stream.IntStream.range(0, 2_500).mapToObj(String::valueOf)
                .collect(Collectors.joining(",", "[", "]"));
        String uri = pipeline.putInput("arrays/numbers.json", array.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        String jobId = pipeline.submit("{\"jobType\":\"double\",\"input\":{\"s3Uri\":\"" + uri
                + "\"},\"chunkSizeItems\":250}");
        JsonNode result = pipeline.json(pipeline.awaitResult(jobId));

        assertThat(result).hasSize(2_500);
        for (int i = 0; i < 2_500; i++) {
            assertThat(result.get(i).asLong()).isEqualTo(2L * i);
        }
        JsonNode view = pipeline.awaitEnd(jobId);
        JsonNode summary = pipeline.json(pipeline.read(view.get("summaryUri").asText()));
        assertThat(summary.path("chunks").path("total").asInt()).isEqualTo(10);
        assertThat(summary.path("chunks").path("succeeded").asInt()).isEqualTo(10);
        assertThat(summary.path("records").asLong()).isEqualTo(2_500);
    }
}
