package dev.fanout.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.core.chunk.HeaderLine;
import dev.fanout.core.error.InputNotFoundException;
import dev.fanout.core.error.InvalidRequestException;
import dev.fanout.core.error.MalformedRecordException;
import dev.fanout.core.model.Chunk;
import dev.fanout.core.model.JobRequest;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.model.SplitPlan;
import dev.fanout.core.testing.Fixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SplitterTest {
    private final Fixture f = new Fixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void plansATextInputAsByteRangesWithoutReadingIt() {
        f.blobs.put(Fixture.in("big.txt"), "x".repeat(10_000));
        SplitPlan plan = f.splitter().split(Fixture.request("j1", "wordcount", "big.txt", 3000L, null, Map.of()));

        assertThat(f.blobs.bytesServed()).isZero();
        assertThat(plan.chunks()).isEqualTo(4);
        assertThat(plan.bytes()).isEqualTo(10_000);
        assertThat(plan.manifest()).isEqualTo(new ObjectLocation("work", "jobs/j1/manifest.json"));
        assertThat(plan.maxConcurrency()).isEqualTo(10);
        assertThat(plan.heartbeatSeconds()).isEqualTo(30);
        List<Chunk> chunks = f.manifest(plan);
        assertThat(chunks).extracting(Chunk::start).containsExactly(0L, 3000L, 6000L, 9000L);
        assertThat(chunks).extracting(Chunk::end).containsExactly(3000L, 6000L, 9000L, 10_000L);
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.total()).isEqualTo(4);
            assertThat(c.etag()).isEqualTo(f.blobs.head(Fixture.in("big.txt")).orElseThrow().etag());
            assertThat(c.header()).isNull();
        });
    }

    @Test
    void aRequestCanLowerButNotRaiseTheConcurrencyCap() {
        f.blobs.put(Fixture.in("a.txt"), "a b");
        JobRequest low = new JobRequest("j", "wordcount", Fixture.in("a.txt"), null, null, 4, 0, Map.of());
        JobRequest high = new JobRequest("k", "wordcount", Fixture.in("a.txt"), null, null, 400, 0, Map.of());
        assertThat(f.splitter().split(low).maxConcurrency()).isEqualTo(4);
        assertThat(f.splitter().split(high).maxConcurrency()).isEqualTo(10);
    }

    @Test
    void aMissingInputIsNamed() {
        assertThatThrownBy(() -> f.splitter().split(Fixture.request("j", "wordcount", "nope.txt", null, null, Map.of())))
                .isInstanceOf(InputNotFoundException.class).hasMessageContaining("s3://in/nope.txt");
    }

    @Test
    void anEmptyInputHasNoChunks() {
        f.blobs.put(Fixture.in("empty.txt"), "");
        SplitPlan plan = f.splitter().split(Fixture.request("j", "wordcount", "empty.txt", null, null, Map.of()));
        assertThat(plan.chunks()).isZero();
        assertThat(f.blobs.text(plan.manifest())).isEqualTo("[]");
    }

    @Test
    void tooManyChunksNameTheCountAndTheLimit() {
        f.blobs.put(Fixture.in("a.txt"), "y".repeat(5000));
        assertThatThrownBy(() -> f.splitter().split(Fixture.request("j", "wordcount", "a.txt", 2L, null, Map.of())))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("chunkSizeBytes"))
                .hasMessageContaining("2500 chunks").hasMessageContaining("at most 1000");
    }

    @Test
    void chunkSizesOutsideTheLimitsAreRejected() {
        f.blobs.put(Fixture.in("a.txt"), "abc");
        assertThatThrownBy(() -> f.splitter().split(Fixture.request("j", "wordcount", "a.txt", 0L, null, Map.of())))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("chunkSizeBytes"));
    }

    @Test
    void csvChunksCarryTheHeaderAndStartAfterIt() {
        String csv = "city,amount\n" + "paris,1\n".repeat(100);
        f.blobs.put(Fixture.in("s.csv"), csv);
        SplitPlan plan = f.splitter().split(Fixture.request("j", "csv-aggregate", "s.csv", 300L, null,
                Map.of("group-by", "city", "value", "amount")));
        List<Chunk> chunks = f.manifest(plan);
        assertThat(chunks.get(0).start()).isEqualTo(12);
        assertThat(chunks).hasSize(3).allSatisfy(c -> {
            assertThat(c.header()).isEqualTo("city,amount");
            assertThat(c.options()).containsEntry("on-bad-row", "fail");
        });
        assertThat(f.blobs.bytesServed()).isLessThanOrEqualTo(HeaderLine.MAX_BYTES);
    }

    @Test
    void csvOptionsAreCheckedAgainstTheHeader() {
        f.blobs.put(Fixture.in("s.csv"), "city,amount\nparis,1\n");
        assertThatThrownBy(() -> f.splitter().split(Fixture.request("j", "csv-aggregate", "s.csv", null, null,
                Map.of("group-by", "town", "value", "amount"))))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("options.group-by"));
    }

    @Test
    void jsonArraysAreChunkedByItems() {
        f.blobs.put(Fixture.in("n.json"), "[1,2,3,4,5,6,7]");
        SplitPlan plan = f.splitter().split(Fixture.request("j", "double", "n.json", null, 3, Map.of()));
        assertThat(f.manifest(plan)).extracting(Chunk::start).containsExactly(1L, 7L, 13L);
    }

    @Test
    void anEmptyJsonObjectIsNotAnArray() {
        f.blobs.put(Fixture.in("e.json"), "");
        assertThatThrownBy(() -> f.splitter().split(Fixture.request("j", "double", "e.json", null, null, Map.of())))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("not a JSON array");
    }

    @Test
    void recordsSplitTimes() {
        f.blobs.put(Fixture.in("a.txt"), "a");
        SplitPlan plan = f.splitter().split(Fixture.request("j", "wordcount", "a.txt", null, null, Map.of()));
        assertThat(plan.splitStartedAt()).isEqualTo(f.clock.millis());
        assertThat(plan.splitEndedAt()).isEqualTo(f.clock.millis());
    }
}
