package dev.fanout.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GroupedResultWriterTest {
    private static void assertMeanAsBigDecimal(long sum, int scale, long count) {
        GroupedResultWriter.Mean mean = new GroupedResultWriter.Mean();
        BigDecimal expected = BigDecimal.valueOf(sum, scale).divide(BigDecimal.valueOf(count), MathContext.DECIMAL64);
        assertThat(mean.of(sum, scale, count)).as("handles %d×10^-%d / %d", sum, scale, count).isTrue();
        // equals: the same value and the same scale
        assertThat(BigDecimal.valueOf(mean.unscaled, mean.scale)).as("%d×10^-%d / %d", sum, scale, count)
                .isEqualTo(expected);
    }

    @Test
    void theMeanIsBigDecimalsDivisionToDecimal64_digitsAndScale() {
        Random random = new Random(21);
        int handled = 0;
        int n = 300_000;
        for (int i = 0; i < n; i++) {
            long sum = switch (random.nextInt(4)) {
                case 0 -> random.nextLong(-1000, 1000);
                case 1 -> random.nextLong(-100_000_000_000L, 100_000_000_000L);
                case 2 -> random.nextLong() >> random.nextInt(63);
                default -> random.nextLong(-5, 5) * BigDecimal.TEN.pow(random.nextInt(18)).longValue();
            };
            int scale = random.nextInt(19);
            long count = switch (random.nextInt(4)) {
                case 0 -> 1 + random.nextInt(10);
                case 1 -> 1 + random.nextInt(100_000);
                case 2 -> 1 + (random.nextLong(Long.MAX_VALUE) >> random.nextInt(63));
                default -> 1L << random.nextInt(20); // exact quotients: powers of two
            };
            GroupedResultWriter.Mean mean = new GroupedResultWriter.Mean();
            BigDecimal expected = BigDecimal.valueOf(sum, scale).divide(BigDecimal.valueOf(count),
                    MathContext.DECIMAL64);
            if (mean.of(sum, scale, count)) {
                handled++;
                assertThat(BigDecimal.valueOf(mean.unscaled, mean.scale)).as("%d×10^-%d / %d", sum, scale, count)
                        .isEqualTo(expected);
            }
        }
        assertThat(handled).isGreaterThan(n * 8 / 10);
    }

    @Test
    void tiesRoundToEven_aCarryDropsADigit_exactQuotientsKeepThePreferredScale() {
        assertMeanAsBigDecimal(19_999_999_999_999_999L, 0, 2);   // 9999999999999999.5 → 1.000000000000000E+16
        assertMeanAsBigDecimal(2_469_135_780_246_915L, 3, 2);    // 1234567890123457.5: a tie, odd digit: up
        assertMeanAsBigDecimal(2_469_135_780_246_913L, 3, 2);    // 1234567890123456.5: a tie, even digit: down
        assertMeanAsBigDecimal(-5, 0, 2);                        // -2.5
        assertMeanAsBigDecimal(150, 2, 1);                       // 1.50 stays 1.50
        assertMeanAsBigDecimal(900, 0, 3);                       // 300
        assertMeanAsBigDecimal(1, 18, 99_999_999_999_999_999L);  // far below 1
        assertMeanAsBigDecimal(2, 0, 3);                         // 0.6666666666666667
        assertMeanAsBigDecimal(9_223_372_036_854_775L, 18, 7);
    }
}
