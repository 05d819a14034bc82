package dev.fanout.core.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.core.error.InvalidRequestException;
import dev.fanout.core.error.MalformedRecordException;
import dev.fanout.core.job.InputRecord;
import dev.fanout.core.jobs.CsvAggregateJob.Stats;
import dev.fanout.core.testing.TestContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CsvAggregateJobTest {
    private static final String HEADER = "id,\"city, name\",amount";
    private static final Map<String, String> OPTIONS = Map.of("group-by", "city, name", "value", "amount",
            "on-bad-row", "fail");
    private final CsvAggregateJob job = new CsvAggregateJob();

    private static List<InputRecord> rows(String... rows) {
        List<InputRecord> records = new ArrayList<>();
        long offset = 1000;
        for (String row : rows) {
            records.add(new InputRecord(offset, row));
            offset += row.getBytes(UTF_8).length + 1;
        }
        return records;
    }

    private Map<String, Stats> map(TestContext context, String... rows) {
        return job.map(context, rows(rows).iterator());
    }

    private Map<String, Stats> map(String... rows) {
        return map(new TestContext(4, OPTIONS, HEADER), rows);
    }

    private static Stats stats(long count, String sum, String min, String max) {
        return new Stats(count, new BigDecimal(sum), new BigDecimal(min), new BigDecimal(max));
    }

    @Test
    void aggregatesQuotedFieldsDoubledQuotesAndCommasInsideQuotes() throws IOException {
        Map<String, Stats> result = map(
                "1,Paris,10",
                "2,\"Paris\",2.5",
                "3,\"Lyon, \"\"the\"\" city\",-4",
                "",
                "4,\"Lyon, \"\"the\"\" city\", 6 ",
                "5,,1");
        assertThat(result).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Paris", stats(2, "12.5", "2.5", "10"),
                "Lyon, \"the\" city", stats(2, "2", "-4", "6"),
                "", stats(1, "1", "1", "1")));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        job.writeResult(result, out);
        assertThat(out.toString(UTF_8)).isEqualTo("{\"\":{\"count\":1,\"sum\":1,\"min\":1,\"max\":1,\"mean\":1},"
                + "\"Lyon, \\\"the\\\" city\":{\"count\":2,\"sum\":2,\"min\":-4,\"max\":6,\"mean\":1},"
                + "\"Paris\":{\"count\":2,\"sum\":12.5,\"min\":2.5,\"max\":10,\"mean\":6.25}}");
    }

    @Nested
    class MalformedRows {
        @Test
        void wrongFieldCountFailsNamingChunkAndOffsetButNotTheRow() {
            assertThatThrownBy(() -> map("1,Paris,10", "2,Secretville,3,extra"))
                    .isInstanceOfSatisfying(MalformedRecordException.class,
                            e -> assertThat(e.byteOffset()).isEqualTo(1011))
                    .hasMessageContaining("chunk 4").hasMessageContaining("1011")
                    .hasMessageContaining("expected 3 fields, found 4").hasMessageNotContaining("Secretville");
        }

        @Test
        void nonNumericValueAndUnterminatedQuoteFail() {
            assertThatThrownBy(() -> map("1,Paris,ten")).isInstanceOf(MalformedRecordException.class)
                    .hasMessageContaining("not a number").hasMessageNotContaining("ten");
            assertThatThrownBy(() -> map("1,\"Paris,10")).isInstanceOf(MalformedRecordException.class)
                    .hasMessageContaining("unterminated");
            assertThatThrownBy(() -> map("1,Pa\"ris,10")).isInstanceOf(MalformedRecordException.class);
            assertThatThrownBy(() -> map("1,\"Paris\"x,10")).isInstanceOf(MalformedRecordException.class);
            assertThatThrownBy(() -> map("1,Paris,")).isInstanceOf(MalformedRecordException.class);
        }

        @Test
        void skipModeCountsBadRowsAndKeepsTheGoodOnes() {
            TestContext context = new TestContext(0, Map.of("group-by", "city, name", "value", "amount",
                    "on-bad-row", "skip"), HEADER);
            Map<String, Stats> result = map(context, "1,Paris,10", "2,Paris,x", "3,Paris", "4,Paris,5");
            assertThat(result).containsExactly(Map.entry("Paris", stats(2, "15", "5", "10")));
            assertThat(context.skippedOffsets()).containsExactly(1011L, 1021L);
        }
    }

    @Nested
    class Options {
        @Test
        void requiresGroupByAndValueAndDefaultsToFail() {
            assertThat(job.validateOptions(Map.of("group-by", "a", "value", "b")))
                    .isEqualTo(Map.of("group-by", "a", "value", "b", "on-bad-row", "fail"));
            assertThatThrownBy(() -> job.validateOptions(Map.of("value", "b")))
                    .isInstanceOfSatisfying(InvalidRequestException.class,
                            e -> assertThat(e.field()).isEqualTo("options.group-by"));
            assertThatThrownBy(() -> job.validateOptions(Map.of("group-by", "a", "value", "b", "on-bad-row", "x")))
                    .isInstanceOfSatisfying(InvalidRequestException.class,
                            e -> assertThat(e.field()).isEqualTo("options.on-bad-row"));
            assertThatThrownBy(() -> job.validateOptions(Map.of("group-by", "a", "value", "b", "sep", ";")))
                    .isInstanceOfSatisfying(InvalidRequestException.class,
                            e -> assertThat(e.field()).isEqualTo("options.sep"));
        }

        @Test
        void unknownColumnsAreRejectedAgainstTheHeader() {
            job.validateHeader(OPTIONS, HEADER);
            assertThatThrownBy(() -> job.validateHeader(Map.of("group-by", "city, name", "value", "price"), HEADER))
                    .isInstanceOfSatisfying(InvalidRequestException.class,
                            e -> assertThat(e.field()).isEqualTo("options.value"))
                    .hasMessageContaining("'price'");
        }
    }

    @Test
    void chunkedAndCombinedAggregatesEqualTheReference_forRandomFiles() {
        Random random = new Random(11);
        String[] keys = {"a", "b,c", "\"q\"", "é", ""};
        for (int t = 0; t < 100; t++) {
            List<String> rows = new ArrayList<>();
            Map<String, List<BigDecimal>> byKey = new HashMap<>();
            for (int r = random.nextInt(60); r > 0; r--) {
                String key = keys[random.nextInt(keys.length)];
                BigDecimal value = BigDecimal.valueOf(random.nextInt(-5000, 5000), random.nextInt(3));
                rows.add(r + ",\"" + key.replace("\"", "\"\"") + "\"," + value.toPlainString());
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            }
            Map<String, Stats> total = job.empty();
            int from = 0;
            while (from < rows.size()) {
                int to = from + 1 + random.nextInt(rows.size() - from);
                Map<String, Stats> partial = job.decode(job.encode(map(rows.subList(from, to).toArray(String[]::new))));
                total = job.combine(total, partial);
                from = to;
            }
            Map<String, Stats> expected = new HashMap<>();
            byKey.forEach((key, values) -> expected.put(key, new Stats(values.size(),
                    values.stream().reduce(BigDecimal.ZERO, BigDecimal::add),
                    values.stream().min(BigDecimal::compareTo).orElseThrow(),
                    values.stream().max(BigDecimal::compareTo).orElseThrow())));
            Map<String, Stats> combined = total;
            assertThat(combined.keySet()).isEqualTo(expected.keySet());
            expected.forEach((key, s) -> {
                Stats actual = combined.get(key);
                assertThat(actual.count()).isEqualTo(s.count());
                assertThat(actual.sum()).isEqualByComparingTo(s.sum());
                assertThat(actual.min()).isEqualByComparingTo(s.min());
                assertThat(actual.max()).isEqualByComparingTo(s.max());
            });
        }
    }

    @Test
    void combineIsAssociative() {
        Map<String, Stats> a = map("1,x,1", "2,y,2");
        Map<String, Stats> b = map("3,y,-7.5");
        Map<String, Stats> c = map("4,x,3", "5,z,0");
        assertThat(job.combine(job.combine(a, b), c)).isEqualTo(job.combine(a, job.combine(b, c)));
        assertThat(job.combine(a, job.empty())).isEqualTo(a);
    }
}
