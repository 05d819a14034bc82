package dev.fanout.core.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.core.jobs.CsvAggregateJob.Stats;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GroupStatsTest {

    /** Unscaled values of 1 to 18 digits, many near the top, so sums and aligned scales overflow a long often. */
    private static long unscaled(Random random) {
        int digits = random.nextInt(3) == 0 ? 18 : 1 + random.nextInt(18);
        long bound = 1;
        for (int i = 0; i < digits; i++) {
            bound *= 10;
        }
        long v = random.nextLong(bound / 10 == 1 ? 0 : bound / 10, bound);
        return random.nextBoolean() ? -v : v;
    }

    @Test
    void keepsWhatBigDecimalAddMinAndMaxKeep_scalesAndTiesIncluded() {
        Random random = new Random(17);
        for (int t = 0; t < 300; t++) {
            GroupStats groups = new GroupStats();
            Map<String, Stats> expected = new HashMap<>();
            int keys = 1 + random.nextInt(200);
            for (int n = random.nextInt(2_000); n > 0; n--) {
                String key = "k" + random.nextInt(keys);
                byte[] bytes = ("[" + key + "]").getBytes(UTF_8);
                BigDecimal value;
                if (random.nextInt(50) == 0) {
                    value = new BigDecimal(random.nextInt(1000)).scaleByPowerOfTen(random.nextInt(10) - 5);
                    groups.add(bytes, 1, bytes.length - 2, value);
                } else {
                    long u = random.nextInt(4) == 0 ? random.nextInt(7) - 3 : unscaled(random);
                    int scale = random.nextInt(4) == 0 ? 0 : random.nextInt(18);
                    value = BigDecimal.valueOf(u, scale);
                    groups.add(bytes, 1, bytes.length - 2, u, scale);
                }
                BigDecimal v = value;
                expected.merge(key, new Stats(1, v, v, v), (a, b) -> new Stats(a.count() + 1, a.sum().add(v),
                        a.min().compareTo(v) <= 0 ? a.min() : v, a.max().compareTo(v) >= 0 ? a.max() : v));
            }
            assertThat(groups.toMap()).as("trial %d", t).isEqualTo(expected); // BigDecimal equality: scales too
        }
    }

    @Test
    void comparesAcrossScalesBySignWhenAligningOverflows() {
        assertThat(GroupStats.compare(900_000_000_000_000_000L, 0, 1, 17)).isPositive();
        assertThat(GroupStats.compare(-900_000_000_000_000_000L, 0, 1, 17)).isNegative();
        assertThat(GroupStats.compare(1, 17, 900_000_000_000_000_000L, 0)).isNegative();
        assertThat(GroupStats.compare(1, 17, -900_000_000_000_000_000L, 0)).isPositive();
        assertThat(GroupStats.compare(15, 1, 150, 2)).isZero();
        assertThat(GroupStats.compare(-15, 1, -149, 2)).isNegative();
    }
}
