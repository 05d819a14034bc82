package dev.fanout.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.core.model.Chunk;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.model.SplitPlan;
import dev.fanout.core.pipeline.JobView;
import dev.fanout.core.model.JobStatus;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void recordsRoundTripAndInstantsAreIsoStrings() {
        JobView view = new JobView("j", JobStatus.SUCCEEDED, "wordcount", 3, 3, 0,
                Instant.parse("2026-11-27T06:00:00Z"), Instant.parse("2026-11-27T06:01:30.250Z"), "s3://o/r", "s3://o/s",
                null, null, true);
        String json = Json.write(view);
        assertThat(json).contains("\"startedAt\":\"2026-11-27T06:00:00Z\"", "\"stoppedAt\":\"2026-11-27T06:01:30.250Z\"",
                "\"status\":\"SUCCEEDED\"");
        assertThat(Json.read(json, JobView.class)).isEqualTo(view);
    }

    @Test
    void unknownPropertiesAreIgnored() {
        assertThat(Json.read("{\"bucket\":\"b\",\"key\":\"k\",\"extra\":1}", ObjectLocation.class))
                .isEqualTo(new ObjectLocation("b", "k"));
    }

    @Test
    void theStateMachineShapesReadBack() {
        Chunk chunk = new Chunk("j", "wordcount", 0, 2, new ObjectLocation("in", "a.txt"), 0, 5, 9, "\"e\"", null,
                Map.of("k", "v"));
        assertThat(Json.read(Json.write(chunk), Chunk.class)).isEqualTo(chunk);
        SplitPlan plan = new SplitPlan("j", "wordcount", new ObjectLocation("in", "a.txt"),
                new ObjectLocation("work", "jobs/j/manifest.json"), 2, 9, 5, 0, 30, 1, 2);
        assertThat(Json.read(Json.write(plan), SplitPlan.class)).isEqualTo(plan);
    }

    @Test
    void malformedInputIsAnIllegalArgumentWithoutTheInput() {
        assertThatThrownBy(() -> Json.read("{\"bucket\": secretvalue}", ObjectLocation.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1")
                .hasMessageNotContaining("secretvalue");
    }
}
