package dev.fanout.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.core.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON that crosses the Map, SQS and the execution input round-trips, and leaves out what is not set. */
class DescriptorJsonTest {
    @Test
    void aGroupedChunkRoundTrips_andAPlainOneKeepsItsOldShape() {
        Chunk grouped = new Chunk("j", "grep", 3, 9, new ObjectLocation("work", "jobs/j/segments.jsonl"), 120, 480,
                480, null, null, Map.of("pattern", "x"), null, new ObjectGroup("in", 7, 7_000, "logs/a", "logs/g"),
                new ObjectLocation("out", "results/j/part-000003.jsonl"));
        assertThat(Json.read(Json.write(grouped), Chunk.class)).isEqualTo(grouped);

        Chunk plain = new Chunk("j", "wordcount", 0, 1, new ObjectLocation("in", "a.txt"), 0, 5, 5, "e", null, Map.of());
        assertThat(Json.write(plain)).doesNotContain("compression").doesNotContain("objects")
                .doesNotContain("output").doesNotContain("header");
        assertThat(Json.read(Json.write(plain), Chunk.class)).isEqualTo(plain);

        Chunk gz = new Chunk("j", "wordcount", 0, 1, new ObjectLocation("in", "a.gz"), 0, 50, 50, "e", null, Map.of(),
                Compression.GZIP, null, null);
        assertThat(Json.write(gz)).contains("\"compression\":\"GZIP\"");
        assertThat(Json.read(Json.write(gz), Chunk.class)).isEqualTo(gz);
    }

    @Test
    void aCompressedChunkIsAlwaysTheWholeObject() {
        assertThatThrownBy(() -> new Chunk("j", "wordcount", 0, 1, new ObjectLocation("in", "a.gz"), 10, 50, 50, "e",
                null, Map.of(), Compression.GZIP, null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPrefixJobRequestAndItsPlanRoundTrip() {
        JobRequest request = new JobRequest("j", "wordcount", null, 1024L, null, null, 0, Map.of(),
                new ObjectPrefix("in", "logs/"));
        assertThat(Json.read(Json.write(request), JobRequest.class)).isEqualTo(request);
        assertThat(request.inputUri()).isEqualTo("s3://in/logs/");
        JobRequest one = new JobRequest("j", "wordcount", new ObjectLocation("in", "a"), null, null, null, 0, Map.of());
        assertThat(Json.write(one)).doesNotContain("inputPrefix");

        SplitPlan plan = new SplitPlan("j", "wordcount", null, new ObjectLocation("work", "m"), 3, 10, 1, 0, 60, 1, 2,
                new ObjectPrefix("in", "logs/"));
        assertThat(Json.read(Json.write(plan), SplitPlan.class)).isEqualTo(plan);
    }

    @Test
    void gzipIsKnownByItsKeyOrItsContentEncoding() {
        assertThat(Compression.of("logs/a.LOG.GZ", null)).isEqualTo(Compression.GZIP);
        assertThat(Compression.of("logs/a.txt", "gzip")).isEqualTo(Compression.GZIP);
        assertThat(Compression.of("logs/a.txt", "identity, x-gzip")).isEqualTo(Compression.GZIP);
        assertThat(Compression.of("logs/a.gzip", "br")).isNull();
    }
}
