package dev.fanout.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.core.error.InvalidRequestException;
import dev.fanout.core.error.MalformedRecordException;
import dev.fanout.core.job.InputRecord;
import dev.fanout.core.jobs.CsvAggregateJob.Stats;
import dev.fanout.core.testing.TestContext;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonlAggregateJobTest {
    private static final Map<String, String> FAIL = Map.of("group-by", "country", "value", "amount",
            "on-bad-record", "fail");
    private static final Map<String, String> SKIP = Map.of("group-by", "country", "value", "amount",
            "on-bad-record", "skip");
    private final JsonlAggregateJob job = new JsonlAggregateJob();

    private static List<InputRecord> lines(String... lines) {
        List<InputRecord> records = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            records.add(new InputRecord(100L * i, lines[i]));
        }
        return records;
    }

    @Test
    void groupsByTheFieldsValue_andAggregatesExactly() throws Exception {
        Map<String, Stats> groups = job.map(new TestContext(0, FAIL, null), lines(
                "{\"country\":\"no\",\"amount\":1.50,\"other\":{\"nested\":[1,2]}}",
                "{\"amount\":-2,\"country\":\"no\"}",
                "{\"country\":7,\"amount\":1e2}",
                "{\"country\":true,\"amount\":0}").iterator());
        assertThat(groups.get("no")).isEqualTo(new Stats(2, new BigDecimal("-0.50"), new BigDecimal("-2"),
                new BigDecimal("1.50")));
        assertThat(groups.get("7").sum()).isEqualByComparingTo("100");
        assertThat(groups).containsOnlyKeys("no", "7", "true");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        job.writeResult(job.decode(job.encode(groups)), out);
        assertThat(out.toString()).startsWith("{\"7\":{\"count\":1,\"sum\":1E+2,")
                .contains("\"no\":{\"count\":2,\"sum\":-0.50,\"min\":-2,\"max\":1.50,\"mean\":-0.25}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "\"text\"", "{\"amount\":1}", "{\"country\":\"no\"}",
            "{\"country\":\"no\",\"amount\":\"12\"}", "{\"country\":null,\"amount\":1}",
            "{\"country\":{\"a\":1},\"amount\":1}", "{\"country\":\"no\",\"amount\":[1]}"})
    void aRecordThatCannotBeAggregatedIsMalformed_namingOffsetNotContents(String line) {
        assertThatThrownBy(() -> job.map(new TestContext(3, FAIL, null), lines("{\"country\":\"a\",\"amount\":1}",
                line).iterator()))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("chunk 3").hasMessageContaining("byte offset 100")
                .hasMessageNotContaining("\"no\"").hasMessageNotContaining("text")
                .satisfies(e -> assertThat(((MalformedRecordException) e).byteOffset()).isEqualTo(100));
    }

    @Test
    void skipsAndCountsWhatCannotBeAggregated_withTheOption() {
        TestContext context = new TestContext(0, SKIP, null);
        Map<String, Stats> groups = job.map(context, lines("{\"country\":\"a\",\"amount\":1}", "{\"country\":\"a\"}",
                "{\"country\":\"a\",\"amount\":2}").iterator());
        assertThat(groups.get("a").count()).isEqualTo(2);
        assertThat(context.skippedOffsets()).containsExactly(100L);
    }

    @Test
    void validatesItsOptions() {
        assertThat(job.validateOptions(Map.of("group-by", "g", "value", "v")))
                .containsEntry("on-bad-record", "fail");
        assertThatThrownBy(() -> job.validateOptions(Map.of("value", "v")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("options.group-by");
        assertThatThrownBy(() -> job.validateOptions(Map.of("group-by", "g", "value", "v", "on-bad-record", "maybe")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("options.on-bad-record");
        assertThatThrownBy(() -> job.validateOptions(Map.of("group-by", "g", "value", "v", "on-bad-row", "skip")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("unknown option");
    }
}
