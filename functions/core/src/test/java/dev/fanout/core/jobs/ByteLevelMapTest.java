package dev.fanout.core.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.core.chunk.TextRangeCursor;
import dev.fanout.core.error.MalformedRecordException;
import dev.fanout.core.job.InputRecord;
import dev.fanout.core.job.RecordCursor;
import dev.fanout.core.jobs.CsvAggregateJob.Stats;
import dev.fanout.core.testing.TestContext;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The built-in jobs read bytes through {@link RecordCursor}; these tests hold them to references written on
 * Strings, the rules as the jobs document them, fed by the real line reader.
 */
class ByteLevelMapTest {

    private static RecordCursor cursorOver(String text) {
        byte[] bytes = text.getBytes(UTF_8);
        return new TextRangeCursor(new ByteArrayInputStream(bytes), 0, bytes.length);
    }

    @Nested
    class WordCount {
        private static final String[] PIECES = {"a", "B", "Z", "É", "é", "ß", "İ", "I", "Σ", "σ", "ς", "ΣΑΣ", "9", "٣",
            "\uD835\uDD18", "K", "\u212A", "ǅ", "ﬁ", " ", "  ", ",", ".", "-", "'", "_", "\u00a0", "\t", "\r", "😀",
            "\u0301", "x", "Straße", "ÀÉÎ"};
        private final WordCountJob job = new WordCountJob();

        private Map<String, Long> reference(String text) {
            Map<String, Long> counts = new HashMap<>();
            for (String line : text.split("\n", -1)) {
                Matcher m = Pattern.compile("[\\p{L}\\p{Nd}]+").matcher(line);
                while (m.find()) {
                    counts.merge(m.group().toLowerCase(Locale.ROOT), 1L, Long::sum);
                }
            }
            return counts;
        }

        @Test
        void countsWhatTheStringRuleCounts_forRandomTextsWithCaseSpecials() {
            Random random = new Random(99);
            for (int t = 0; t < 500; t++) {
                StringBuilder text = new StringBuilder();
                for (int p = random.nextInt(200); p > 0; p--) {
                    text.append(random.nextInt(12) == 0 ? "\n" : PIECES[random.nextInt(PIECES.length)]);
                }
                Map<String, Long> fromBytes = job.map(new TestContext(0, Map.of(), null), cursorOver(text.toString()));
                assertThat(fromBytes).as("text %d", t).isEqualTo(reference(text.toString()));
            }
        }

        @Test
        void finalSigmaAndDottedCapitalIFollowTheWholeWord() {
            Map<String, Long> counts = job.map(new TestContext(0, Map.of(), null), cursorOver("ΟΔΟΣ İstanbul KELVIN \u212A"));
            assertThat(counts).containsOnlyKeys("οδος", "i̇stanbul", "kelvin", "k");
        }
    }

    @Nested
    class CsvAggregate {
        private static final String HEADER = "id,city,amount";
        private static final String[] CITIES = {"oslo", "\"bergen, west\"", "\"say \"\"hi\"\"\"", "zürich", "", "\"\"",
            "a\"b", "\"open", "\"x\"y", " lima "};
        private static final String[] AMOUNTS = {"1", "-2", "+3", "0", "-0", "1.50", "1.5", "1.500", "0012.30", " 7 ",
            "\t8\t", "5.", ".5", "1e3", "-1E-2", "123456789012345678", "1234567890123456789012", "x", "", "1.2.3",
            "\u20037\u2003", "٣", "--1", "9" + ".0".repeat(3)};
        private final CsvAggregateJob job = new CsvAggregateJob();
        private final Map<String, String> options = job.validateOptions(Map.of("group-by", "city", "value", "amount",
                "on-bad-row", "skip"));

        /** The documented rule on Strings: CsvLine's fields, the value stripped and read by new BigDecimal. */
        private Map<String, Stats> reference(List<String> rows, List<Long> skipped) {
            Map<String, Stats> groups = new HashMap<>();
            long offset = 0;
            for (String row : rows) {
                long at = offset;
                offset += row.getBytes(UTF_8).length + 1;
                if (row.isEmpty()) {
                    continue;
                }
                try {
                    List<String> fields = CsvLine.parse(row);
                    if (fields.size() != 3) {
                        skipped.add(at);
                        continue;
                    }
                    BigDecimal v = new BigDecimal(fields.get(2).strip());
                    groups.merge(fields.get(1), new Stats(1, v, v, v), (a, b) -> new Stats(a.count() + b.count(),
                            a.sum().add(b.sum()), a.min().min(b.min()), a.max().max(b.max())));
                } catch (CsvLine.BadLine | NumberFormatException e) {
                    skipped.add(at);
                }
            }
            return groups;
        }

        @Test
        void aggregatesAndSkipsWhatTheStringRuleDoes_scalesIncluded() {
            Random random = new Random(5);
            for (int t = 0; t < 400; t++) {
                List<String> rows = new ArrayList<>();
                for (int r = random.nextInt(40); r > 0; r--) {
                    rows.add(random.nextInt(15) == 0 ? "" : r + "," + CITIES[random.nextInt(CITIES.length)] + ","
                            + AMOUNTS[random.nextInt(AMOUNTS.length)] + (random.nextInt(20) == 0 ? ",extra" : ""));
                }
                List<Long> expectedSkips = new ArrayList<>();
                Map<String, Stats> expected = reference(rows, expectedSkips);
                TestContext context = new TestContext(0, options, HEADER);
                Map<String, Stats> actual = job.map(context, cursorOver(String.join("\n", rows)));
                assertThat(actual).as("file %d: %s", t, rows).isEqualTo(expected); // Stats equality includes scales
                assertThat(context.skippedOffsets()).isEqualTo(expectedSkips);
            }
        }

        @Test
        void aMalformedRowFailsWithTheReasonTheTextParserGives() {
            Map<String, String> fail = job.validateOptions(Map.of("group-by", "city", "value", "amount"));
            String row = "1,\"zürich\"x,3";
            String reason;
            try {
                CsvLine.parse(row);
                throw new AssertionError("the row should be malformed");
            } catch (CsvLine.BadLine e) {
                reason = e.getMessage();
            }
            assertThatThrownBy(() -> job.map(new TestContext(2, fail, HEADER), cursorOver("1,a,1\n" + row)))
                    .isInstanceOfSatisfying(MalformedRecordException.class, e -> assertThat(e.byteOffset()).isEqualTo(6))
                    .hasMessage("chunk 2: malformed row at byte offset 6: " + reason);
        }
    }

    @Nested
    class Double {
        private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
        private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
        private final DoubleJob job = new DoubleJob();

        private static String reference(String text) {
            if (INTEGER.matcher(text).matches()) {
                return new BigInteger(text).shiftLeft(1).toString();
            }
            if (NUMBER.matcher(text).matches()) {
                return new BigDecimal(text).multiply(BigDecimal.valueOf(2)).toString();
            }
            return null;
        }

        @Test
        void doublesAndRejectsExactlyAsTheRegularExpressionsSay() {
            String alphabet = "0123456789-+.eE";
            Random random = new Random(8);
            for (int t = 0; t < 100_000; t++) {
                StringBuilder text = new StringBuilder();
                for (int i = random.nextInt(24); i >= 0; i--) {
                    text.append(alphabet.charAt(random.nextInt(random.nextInt(4) == 0 ? alphabet.length() : 10)));
                }
                String element = random.nextInt(5) == 0 ? "-" + text : text.toString();
                List<InputRecord> one = List.of(new InputRecord(40, element));
                String expected;
                try {
                    expected = reference(element);
                } catch (NumberFormatException e) { // an exponent beyond BigDecimal's range fails alike
                    assertThatThrownBy(() -> job.map(new TestContext(0, Map.of(), null), RecordCursor.over(one.iterator())))
                            .as(element).isInstanceOf(NumberFormatException.class);
                    continue;
                }
                if (expected == null) {
                    assertThatThrownBy(() -> job.map(new TestContext(0, Map.of(), null), RecordCursor.over(one.iterator())))
                            .as(element).isInstanceOf(MalformedRecordException.class);
                } else {
                    assertThat(job.map(new TestContext(0, Map.of(), null), RecordCursor.over(one.iterator())))
                            .as(element).containsExactly(expected);
                }
            }
        }
    }
}
