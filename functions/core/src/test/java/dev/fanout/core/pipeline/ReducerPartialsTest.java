package dev.fanout.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.core.model.Chunk;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.model.SplitPlan;
import dev.fanout.core.testing.Fixture;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReducerPartialsTest {
    @Test
    void aPartialInAnotherEncodingFailsTheReduceNamingItsChunk_andNothingIsWritten() {
        try (Fixture f = new Fixture()) {
            f.blobs.put(Fixture.in("t.txt"), "one two\nthree four\nfive six\n");
            SplitPlan plan = f.splitter().split(Fixture.request("job1", "wordcount", "t.txt", 9L, null, Map.of()));
            for (Chunk chunk : f.manifest(plan)) {
                f.process(chunk, 1);
            }
            ObjectLocation second = new ObjectLocation(Fixture.WORK, Keys.partial("job1", 1));
            f.blobs.put(second, "{\"three\":1,\"four\":1}".getBytes(StandardCharsets.UTF_8), "application/json",
                    f.blobs.stored(second).orElseThrow().metadata());

            assertThatThrownBy(() -> f.reducer().reduce(plan)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("chunk 1 of job job1").hasMessageContaining("earlier fanout version");
            assertThat(f.blobs.keys(Fixture.OUT)).isEmpty();
        }
    }
}
