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

    /** Values summed as longs must come out as BigDecimal arithmetic on the same texts, written out here by hand. */
    @Nested
    class ValuesAsBigDecimalWouldAddThem {
        private final Map<String, String> options = Map.of("group-by", "g", "value", "v", "on-bad-row", "fail");

        private Stats one(String... values) {
            List<String> rows = new ArrayList<>();
            for (int i = 0; i < values.length; i++) {
                rows.add(i + ",k," + values[i]);
            }
            return map(new TestContext(0, options, "id,g,v"), rows.toArray(String[]::new)).get("k");
        }

        private static BigDecimal d(String text) {
            return new BigDecimal(text);
        }

        @Test
        void signsLeadingZerosAndWhitespace() {
            assertThat(one("-2.5", "+3", " 0007 ", "\t-0.00\t", "-0")).isEqualTo(new Stats(5, d("7.50"), d("-2.5"),
                    d("7")));
        }

        @Test
        void theSumKeepsTheLargestScaleAndMinMaxKeepTheEarlierOfEqualValues() {
            Stats s = one("1.0", "1.00", "2", "2.000", "0.125");
            assertThat(s.sum()).isEqualTo(d("6.125")).extracting(BigDecimal::scale).isEqualTo(3);
            assertThat(s.min()).isEqualTo(d("0.125"));
            assertThat(one("1.0", "1.00", "1").min().scale()).isEqualTo(1);
            assertThat(one("2", "2.000").max().scale()).isZero();
            assertThat(one("-3.10", "-3.1").max().scale()).isEqualTo(2);
        }

        @Test
        void manyDecimalsAndEighteenDigits() {
            assertThat(one("0.00000000000000001", "123456789012345678", "0.99999999999999999"))
                    .isEqualTo(new Stats(3, d("123456789012345679.00000000000000000"), d("0.00000000000000001"),
                            d("123456789012345678")));
        }

        @Test
        void comparesAcrossScalesWhoseAlignmentOverflowsALong() {
            // the sum stays small, so only the min and max are out of a long's reach at scale 17
            assertThat(one("900000000000000000", "-900000000000000000", "0.00000000000000001", "-0.00000000000000002"))
                    .isEqualTo(new Stats(4, d("-1E-17"), d("-900000000000000000"), d("900000000000000000")));
            assertThat(one("-0.00000000000000001", "900000000000000000", "-900000000000000000"))
                    .isEqualTo(new Stats(3, d("-1E-17"), d("-900000000000000000"), d("900000000000000000")));
        }

        @Test
        void halfWrittenDecimalsAreReadAsBigDecimalReadsThem() {
            assertThat(one(".5", "5.", "-.25")).isEqualTo(new Stats(3, d("5.25"), d("-0.25"), d("5")));
        }

        @Test
        void sumsBeyondALongAreExact() {
            String big = "999999999999999999";
            String[] values = new String[20];
            java.util.Arrays.fill(values, big);
            assertThat(one(values)).isEqualTo(new Stats(20, d(big).multiply(BigDecimal.valueOf(20)), d(big), d(big)));
            assertThat(one("-" + big, "-" + big, "-" + big, "-" + big, "-" + big, "-" + big, "-" + big, "-" + big,
                    "-" + big, "-" + big, "1").sum()).isEqualTo(d("-9999999999999999989"));
            // the running sum overflows only once scaled up to a new value's scale, then keeps counting
            assertThat(one("500000000000000000", "0.1", "0.01", "2")).isEqualTo(new Stats(4,
                    d("500000000000000002.11"), d("0.01"), d("500000000000000000")));
        }

        @Test
        void longerNumbersAndExponentsAreReadAsBigDecimalDoes() {
            assertThat(one("1234567890123456789012", "1", "0.5")).isEqualTo(new Stats(3,
                    d("1234567890123456789013.5"), d("0.5"), d("1234567890123456789012")));
            assertThat(one("2.50", "1e3", "-1E-2", "4")).isEqualTo(new Stats(4, d("1006.49"), d("-0.01"),
                    d("1E+3")));
            assertThat(one("1e3", "2.50").sum()).isEqualTo(d("1002.50")).extracting(BigDecimal::scale).isEqualTo(2);
        }

        @Test
        void emptyAndHalfNumbersAreNotNumbers() {
            for (String bad : new String[] {"", " ", "-", "+", ".", "-.", "1.2.3", "1,5", "--1", "+-1", "0x10", "1 2"}) {
                String row = bad.contains(",") ? "1,k,\"" + bad + "\"" : "1,k," + bad;
                assertThatThrownBy(() -> map(new TestContext(0, options, "id,g,v"), row)).as(bad)
                        .isInstanceOf(MalformedRecordException.class)
                        .hasMessage("chunk 0: malformed row at byte offset 1000: the value column is not a number");
            }
        }

        @Test
        void quotedValuesAndGroupsWithCommasDoubledQuotesAndCrlf() {
            String text = "\"a, \"\"b\"\"\",\"-1.25\"\r\n\"a, \"\"b\"\"\",\" 3\"\r\n\"\"\"\",\"1,5\"\r\n"
                    + "\"\"\"\",2\r\n";
            Map<String, String> skip = Map.of("group-by", "g", "value", "v", "on-bad-row", "skip");
            byte[] bytes = text.getBytes(UTF_8);
            TestContext context = new TestContext(0, skip, "g,v");
            Map<String, Stats> result = job.map(context, new dev.fanout.core.chunk.TextRangeCursor(
                    new java.io.ByteArrayInputStream(bytes), 0, bytes.length));
            assertThat(result).isEqualTo(Map.of("a, \"b\"", new Stats(2, d("1.75"), d("-1.25"), d("3")),
                    "\"", new Stats(1, d("2"), d("2"), d("2"))));
            assertThat(context.skippedOffsets()).hasSize(1);
        }

        @Test
        void theGroupByColumnMayBeTheValueColumn() {
            Map<String, String> same = Map.of("group-by", "v", "value", "v", "on-bad-row", "fail");
            assertThat(map(new TestContext(0, same, "id,v"), "1,\"2.5\"", "2,2.50", "3,2.5"))
                    .isEqualTo(Map.of("2.5", new Stats(2, d("5.0"), d("2.5"), d("2.5")),
                            "2.50", new Stats(1, d("2.50"), d("2.50"), d("2.50"))));
        }
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
