package dev.fanout.benchmarks;

import dev.fanout.core.jobs.CsvAggregateJob;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/** Synthetic partials of {@code keys} distinct keys drawn from a universe of {@code universe} keys. */
final class Partials {
    private Partials() {
    }

    /** Word-like keys of 2 to 8 characters, one in seven with a Latin-1 letter. */
    static String key(int i) {
        return "w" + Integer.toString(i, 36) + (i % 7 == 0 ? "é" : "");
    }

    static Map<String, Long> counts(int keys, int universe, long seed) {
        Random random = new Random(seed);
        Map<String, Long> counts = new HashMap<>(keys * 2);
        while (counts.size() < keys) {
            counts.put(key(random.nextInt(universe)), 1L + random.nextInt(1000));
        }
        return counts;
    }

    static Map<String, CsvAggregateJob.Stats> stats(int keys, int universe, long seed) {
        Random random = new Random(seed);
        Map<String, CsvAggregateJob.Stats> groups = new HashMap<>(keys * 2);
        while (groups.size() < keys) {
            BigDecimal min = BigDecimal.valueOf(random.nextInt(10_000_000), 2);
            BigDecimal max = min.add(BigDecimal.valueOf(random.nextInt(100_000), 2));
            long count = 2 + random.nextInt(50);
            groups.put(key(random.nextInt(universe)), new CsvAggregateJob.Stats(count,
                    min.add(max).multiply(BigDecimal.valueOf(count)).divide(BigDecimal.valueOf(2)), min, max));
        }
        return groups;
    }
}
