package dev.fanout.core.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.core.job.InputRecord;
import dev.fanout.core.jobs.CsvAggregateJob.Stats;
import dev.fanout.core.json.Json;
import dev.fanout.core.testing.TestContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The reduce of {@code csv-aggregate} and {@code jsonl-aggregate} — decode, merge in chunk order, combine level,
 * write — against a reference computed here: per chunk, rows folded into a TreeMap with BigDecimal arithmetic
 * (the earlier of equal minima and maxima kept), and the result written by Jackson.
 */
class GroupedReduceTest {
    /** Exact aggregates of one group, folded row by row in input order. */
    private static final class Ref {
        long count;
        BigDecimal sum;
        BigDecimal min;
        BigDecimal max;

        void add(Ref other) {
            if (count == 0) {
                count = other.count;
                sum = other.sum;
                min = other.min;
                max = other.max;
                return;
            }
            count += other.count;
            sum = sum.add(other.sum);
            if (other.min.compareTo(min) < 0) {
                min = other.min;
            }
            if (other.max.compareTo(max) > 0) {
                max = other.max;
            }
        }

        static Ref of(BigDecimal value) {
            Ref r = new Ref();
            r.count = 1;
            r.sum = value;
            r.min = value;
            r.max = value;
            return r;
        }
    }

    private record Row(String key, String value) {
    }

    /** Reference: Jackson writing a TreeMap of rows {count, sum, min, max, mean} as UTF-8. */
    private static byte[] reference(List<List<Row>> chunks) throws IOException {
        Map<String, Ref> totals = new TreeMap<>();
        for (List<Row> chunk : chunks) {
            for (Row row : chunk) {
                totals.computeIfAbsent(row.key(), k -> new Ref()).add(Ref.of(new BigDecimal(row.value().strip())));
            }
        }
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        totals.forEach((key, r) -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("count", r.count);
            out.put("sum", r.sum);
            out.put("min", r.min);
            out.put("max", r.max);
            out.put("mean", r.sum.divide(BigDecimal.valueOf(r.count), MathContext.DECIMAL64));
            rows.put(key, out);
        });
        return Json.mapper().writeValueAsBytes(rows);
    }

    /** Each chunk's partial as the test computes it, from its rows, in a HashMap. */
    private static Map<String, Stats> partialOf(List<Row> chunk) {
        Map<String, Ref> groups = new HashMap<>();
        for (Row row : chunk) {
            groups.computeIfAbsent(row.key(), k -> new Ref()).add(Ref.of(new BigDecimal(row.value().strip())));
        }
        Map<String, Stats> partial = new HashMap<>();
        groups.forEach((k, r) -> partial.put(k, new Stats(r.count, r.sum, r.min, r.max)));
        return partial;
    }

    private static byte[] reduce(GroupedAggregates job, List<byte[]> partials) throws IOException {
        Map<String, Stats> acc = job.newAccumulator();
        for (byte[] p : partials) {
            acc = job.merge(acc, job.decode(p));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        job.writeResult(acc, out);
        return out.toByteArray();
    }

    /** Values of every form: scales, signs, ties of equal value at other scales, beyond a long, exponents. */
    private static String value(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> Long.toString(random.nextLong(-1000, 1000));
            case 1 -> BigDecimal.valueOf(random.nextLong(-1_000_000, 1_000_000), random.nextInt(6)).toPlainString();
            case 2 -> random.nextBoolean() ? "1.5" : random.nextBoolean() ? "1.50" : "1.500"; // ties
            case 3 -> random.nextBoolean() ? "-2" : "-2.000";
            case 4 -> "0.00";
            case 5 -> random.nextBoolean() ? "999999999999999999" : "-999999999999999999"; // 18 digits: longs
            case 6 -> "0." + "0".repeat(random.nextInt(10)) + (1 + random.nextInt(9)); // toString's exponent
            case 7 -> "12345678901234567890.5"; // beyond a long
            case 8 -> (1 + random.nextInt(9)) + "E" + (random.nextInt(7) - 3); // exponent forms: negative scale
            case 9 -> "4.0000000000000000001"; // scale beyond 18
            case 10 -> " " + random.nextInt(100) + ".25 ";
            default -> BigDecimal.valueOf(random.nextLong(Long.MAX_VALUE / 4, Long.MAX_VALUE), 2).toPlainString();
        };
    }

    private static String key(Random random, int universe) {
        int i = random.nextInt(universe);
        return switch (i % 11) {
            case 0 -> "q\"" + i;        // escaped by the generator
            case 1 -> "b\\" + i;
            case 2 -> "t\t" + i;
            case 3 -> "\ud835\udd18" + i; // a supplementary char: escaped as two UTF-16 units
            case 4 -> "\u00e9\u8000" + i;
            case 5 -> i == 5 ? "" : "k" + i;
            default -> "k" + Integer.toString(i, 36);
        };
    }

    private static List<List<Row>> chunks(Random random, int chunks, int rows, int universe) {
        List<List<Row>> all = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            List<Row> chunk = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                chunk.add(new Row(key(random, universe), value(random)));
            }
            all.add(chunk);
        }
        return all;
    }

    @Test
    void reducesOverlappingPartialsInChunkOrder_byteForByteAsTheReference() throws IOException {
        Random random = new Random(11);
        for (GroupedAggregates job : new GroupedAggregates[] {new CsvAggregateJob(), new JsonlAggregateJob()}) {
            for (int round = 0; round < 20; round++) {
                List<List<Row>> chunks = chunks(random, 1 + random.nextInt(6), random.nextInt(400), 1 + random.nextInt(60));
                List<byte[]> partials = new ArrayList<>();
                for (List<Row> chunk : chunks) {
                    partials.add(job.encode(partialOf(chunk)));
                }
                String expected = new String(reference(chunks), UTF_8);
                assertThat(new String(reduce(job, partials), UTF_8)).isEqualTo(expected);
                Map<String, Stats> combined = job.empty(); // as a tree of combines would: left before right
                for (byte[] p : partials) {
                    combined = job.combine(combined, job.decode(p));
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                job.writeResult(combined, out);
                assertThat(out.toString(UTF_8)).isEqualTo(expected);
            }
        }
    }

    @Test
    void sumsThatLeaveALongAcrossPartialsStayExact() throws IOException {
        CsvAggregateJob job = new CsvAggregateJob();
        List<List<Row>> chunks = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            chunks.add(List.of(new Row("big", "999999999999999999"), new Row("big", "9.99999999999999999"),
                    new Row("neg", "-999999999999999999"), new Row("neg", "-0.000000000000000001"),
                    new Row("tie", c % 2 == 0 ? "7.0" : "7"), new Row("tie", c % 2 == 0 ? "7.00" : "7.000")));
        }
        List<byte[]> partials = new ArrayList<>();
        for (List<Row> chunk : chunks) {
            partials.add(job.encode(partialOf(chunk)));
        }
        assertThat(new String(reduce(job, partials), UTF_8)).isEqualTo(new String(reference(chunks), UTF_8));
    }

    @Test
    void aCombineLevelGivesTheDirectReducesBytes() throws IOException {
        Random random = new Random(12);
        CsvAggregateJob job = new CsvAggregateJob();
        List<List<Row>> chunks = chunks(random, 9, 3_000, 2_000);
        List<byte[]> partials = new ArrayList<>();
        for (List<Row> chunk : chunks) {
            partials.add(job.encode(partialOf(chunk)));
        }
        List<byte[]> combined = new ArrayList<>();
        for (int from = 0; from < partials.size(); from += 4) { // groups of 4, 4 and 1, as pipeline/Combiner folds them
            Map<String, Stats> fold = job.newAccumulator();
            for (byte[] p : partials.subList(from, Math.min(from + 4, partials.size()))) {
                fold = job.merge(fold, job.decode(p));
            }
            combined.add(job.encode(fold));
        }
        byte[] expected = reference(chunks);
        assertThat(new String(reduce(job, combined), UTF_8)).isEqualTo(new String(expected, UTF_8));
        assertThat(reduce(job, partials)).isEqualTo(expected);
    }

    @Test
    void csvChunksMappedAndReduced_withMoreThan100000Groups() throws IOException {
        Random random = new Random(13);
        CsvAggregateJob job = new CsvAggregateJob();
        Map<String, String> options = Map.of("group-by", "city", "value", "amount", "on-bad-row", "fail");
        List<List<Row>> chunks = new ArrayList<>();
        List<byte[]> partials = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            List<Row> chunk = new ArrayList<>();
            List<InputRecord> records = new ArrayList<>();
            for (int r = 0; r < 40_000; r++) {
                String city = "city-" + random.nextInt(150_000);
                String amount = random.nextInt(20) == 0 ? value(random)
                        : BigDecimal.valueOf(random.nextLong(-100_000, 1_000_000), 2).toPlainString();
                chunk.add(new Row(city, amount));
                records.add(new InputRecord(r * 40L, r + "," + city + "," + amount));
            }
            chunks.add(chunk);
            partials.add(job.encode(job.map(new TestContext(c, options, "id,city,amount"), records.iterator())));
        }
        byte[] expected = reference(chunks);
        assertThat(new String(expected, UTF_8)).contains("\"city-149999\"");
        assertThat(reduce(job, partials)).isEqualTo(expected);
    }

    @Test
    void aDecodedPartialIsTheMapItWasEncodedFrom() {
        Random random = new Random(14);
        CsvAggregateJob job = new CsvAggregateJob();
        Map<String, Stats> partial = partialOf(chunks(random, 1, 500, 100).get(0));
        Map<String, Stats> decoded = job.decode(job.encode(partial));
        assertThat(decoded).isEqualTo(partial);
        assertThat(decoded.size()).isEqualTo(partial.size());
        Map<String, Stats> merged = job.merge(job.newAccumulator(), decoded);
        assertThat(merged).isEqualTo(partial);
        assertThat(job.decode(job.encode(merged))).isEqualTo(partial);
    }
}
