package dev.fanout.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.core.job.Job;
import dev.fanout.core.jobs.CsvAggregateJob.Stats;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** {@link Job#merge} folds partials into one accumulator; it must give what {@link Job#combine} gives, in order. */
class MergeTest {

    /** Folds freshly decoded copies with merge, and the originals with combine. */
    private static <P> void assertMergeEqualsCombine(Job<P> job, List<P> partials) {
        P combined = job.empty();
        for (P p : partials) {
            combined = job.combine(combined, p);
        }
        P merged = job.newAccumulator();
        for (P p : partials) {
            merged = job.merge(merged, job.decode(job.encode(p)));
        }
        assertThat(merged).isEqualTo(combined);
    }

    private static <P> List<P> partials(Random random, Function<Random, P> one) {
        List<P> all = new ArrayList<>();
        for (int i = random.nextInt(12); i > 0; i--) {
            all.add(one.apply(random));
        }
        return all;
    }

    @Test
    void wordcountMergesToTheCombinedCounts() {
        Random random = new Random(1);
        for (int t = 0; t < 200; t++) {
            assertMergeEqualsCombine(new WordCountJob(), partials(random, r -> {
                Map<String, Long> counts = new HashMap<>();
                for (int i = r.nextInt(30); i > 0; i--) {
                    counts.put("w" + r.nextInt(40), 1L + r.nextInt(500));
                }
                return counts;
            }));
        }
    }

    @Test
    void csvAggregateKeepsTheEarlierOfEqualMinimaAndMaxima_asCombineDoes() {
        Random random = new Random(2);
        String[] values = {"1", "1.0", "1.00", "2", "2.0", "-1", "-1.0"};
        for (int t = 0; t < 200; t++) {
            assertMergeEqualsCombine(new CsvAggregateJob(), partials(random, r -> {
                Map<String, Stats> groups = new HashMap<>();
                for (int i = r.nextInt(6); i > 0; i--) {
                    BigDecimal v = new BigDecimal(values[r.nextInt(values.length)]);
                    groups.put("g" + r.nextInt(3), new Stats(1, v, v, v));
                }
                return groups;
            }));
        }
    }

    @Test
    void doubleKeepsChunkOrder() {
        Random random = new Random(3);
        for (int t = 0; t < 200; t++) {
            assertMergeEqualsCombine(new DoubleJob(), partials(random, r -> {
                List<String> numbers = new ArrayList<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    numbers.add(Integer.toString(r.nextInt(1000)));
                }
                return numbers;
            }));
        }
    }

    @Test
    void theDefaultMergeIsCombine() {
        Job<Long> sum = new Job<>() {
            public String name() { return "sum"; }
            public dev.fanout.core.job.InputFormat inputFormat() { return dev.fanout.core.job.InputFormat.TEXT_LINES; }
            public Long map(dev.fanout.core.job.MapContext c, java.util.Iterator<dev.fanout.core.job.InputRecord> r) {
                long n = 0;
                while (r.hasNext()) { n += r.next().text().length(); }
                return n;
            }
            public Long combine(Long a, Long b) { return a + b; }
            public Long empty() { return 0L; }
            public byte[] encode(Long p) { return p.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8); }
            public Long decode(byte[] b) { return Long.parseLong(new String(b, java.nio.charset.StandardCharsets.UTF_8)); }
            public void writeResult(Long total, java.io.OutputStream out) { }
        };
        assertThat(sum.merge(sum.merge(sum.newAccumulator(), 4L), 5L)).isEqualTo(9L);
        // and the cursor variant of map reads the same records as the line API
        assertThat(sum.map(null, dev.fanout.core.job.RecordCursor.over(List.of(
                new dev.fanout.core.job.InputRecord(0, "abc"), new dev.fanout.core.job.InputRecord(4, "de")).iterator())))
                .isEqualTo(5L);
    }
}
