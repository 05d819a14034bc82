package dev.fanout.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.core.error.InvalidRequestException;
import dev.fanout.core.job.InputRecord;
import dev.fanout.core.job.OutputParts;
import dev.fanout.core.job.OutputWriter;
import dev.fanout.core.job.RecordCursor;
import dev.fanout.core.json.Json;
import dev.fanout.core.testing.TestContext;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrepJobTest {
    private final GrepJob job = new GrepJob();

    private List<String> grep(String pattern, InputRecord... lines) {
        List<String> out = new ArrayList<>();
        job.map(new TestContext(0, Map.of("pattern", pattern), null), RecordCursor.over(List.of(lines).iterator()),
                OutputWriter.collecting(out));
        return out;
    }

    @Test
    void writesEveryMatchingLine_withItsObjectAndOffset_inInputOrder() throws Exception {
        List<String> out = grep("err(or)?\\b", new InputRecord(0, "no match", "a.log"),
                new InputRecord(9, "an error here", "a.log"), new InputRecord(0, "err \"x\"\ttab naïve \\", "b.log"));

        assertThat(out).hasSize(2);
        JsonNode first = Json.mapper().readTree(out.get(0));
        assertThat(first.path("key").asText()).isEqualTo("a.log");
        assertThat(first.path("offset").asLong()).isEqualTo(9);
        assertThat(first.path("line").asText()).isEqualTo("an error here");
        assertThat(Json.mapper().readTree(out.get(1)).path("line").asText()).isEqualTo("err \"x\"\ttab naïve \\");
        assertThat(out.get(0)).isEqualTo("{\"key\":\"a.log\",\"offset\":9,\"line\":\"an error here\"}");
    }

    @Test
    void checksThePatternAndItsOptions() {
        assertThat(job.validateOptions(Map.of("pattern", "a+b"))).containsExactly(Map.entry("pattern", "a+b"));
        assertThatThrownBy(() -> job.validateOptions(Map.of("pattern", "[a-")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("options.pattern")
                .hasMessageContaining("near index");
        assertThatThrownBy(() -> job.validateOptions(Map.of())).hasMessageContaining("is required");
        assertThatThrownBy(() -> job.validateOptions(Map.of("pattern", "a", "i", "y")))
                .hasMessageContaining("unknown option");
    }

    @Test
    void itsManifestListsThePartsAndTheirRecords() throws Exception {
        OutputParts acc = job.newAccumulator();
        acc = job.merge(acc, job.decode(job.encode(OutputParts.of(new OutputParts.Part("results/j/part-000000.jsonl",
                2, 90)))));
        acc = job.merge(acc, job.decode(job.encode(OutputParts.NONE)));
        acc = job.merge(acc, OutputParts.of(new OutputParts.Part("results/j/part-000002.jsonl", 1, 40)));
        assertThat(acc).isEqualTo(job.combine(job.combine(OutputParts.of(new OutputParts.Part(
                "results/j/part-000000.jsonl", 2, 90)), OutputParts.NONE), OutputParts.of(new OutputParts.Part(
                "results/j/part-000002.jsonl", 1, 40))));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        job.writeResult(acc, out);
        assertThat(out.toString()).isEqualTo("{\"parts\":[{\"key\":\"results/j/part-000000.jsonl\",\"records\":2,"
                + "\"bytes\":90},{\"key\":\"results/j/part-000002.jsonl\",\"records\":1,\"bytes\":40}],\"records\":3}");
    }

    @Test
    void anOutputRecordMayNotHoldALineFeed() {
        assertThatThrownBy(() -> OutputWriter.collecting(new ArrayList<>()).write("a\nb"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
