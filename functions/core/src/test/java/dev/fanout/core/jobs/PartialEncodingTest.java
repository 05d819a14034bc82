package dev.fanout.core.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.core.jobs.CsvAggregateJob.Stats;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PartialEncodingTest {
    private final WordCountJob wordcount = new WordCountJob();
    private final CsvAggregateJob csv = new CsvAggregateJob();
    private final DoubleJob doubles = new DoubleJob();

    private static String word(Random random) {
        String[] pieces = {"a", "é", "😀", "ß", "z", "0", "\u0000", "ǅ"};
        StringBuilder w = new StringBuilder();
        for (int i = random.nextInt(6); i >= 0; i--) {
            w.append(pieces[random.nextInt(pieces.length)]);
        }
        return w.toString();
    }

    private static BigDecimal decimal(Random random) {
        BigInteger unscaled = new BigInteger(random.nextInt(130) + 1, random);
        return new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), random.nextInt(-20, 20));
    }

    @Test
    void partialsRoundTripExactly_forRandomContents() {
        Random random = new Random(17);
        for (int t = 0; t < 300; t++) {
            Map<String, Long> counts = new HashMap<>();
            Map<String, Stats> groups = new HashMap<>();
            List<String> numbers = new ArrayList<>();
            for (int i = random.nextInt(50); i > 0; i--) {
                counts.put(word(random), random.nextLong(0, Long.MAX_VALUE));
                groups.put(word(random), new Stats(random.nextLong(1, Long.MAX_VALUE), decimal(random), decimal(random),
                        decimal(random)));
                numbers.add(decimal(random).toString());
            }
            assertThat(wordcount.decode(wordcount.encode(counts))).isEqualTo(counts);
            assertThat(csv.decode(csv.encode(groups))).isEqualTo(groups); // scales kept: 1.50 stays 1.50
            assertThat(doubles.decode(doubles.encode(numbers))).isEqualTo(numbers);
        }
    }

    @Test
    void isCompact_aboutTheWordsBytesPlusTwoPerEntry() {
        Map<String, Long> counts = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            counts.put("word" + i, (long) i % 100);
        }
        int wordBytes = counts.keySet().stream().mapToInt(w -> w.getBytes(UTF_8).length).sum();
        assertThat(wordcount.encode(counts).length).isLessThanOrEqualTo(4 + 2 + wordBytes + 2 * counts.size());
    }

    @Test
    void aJsonPartialOfAnEarlierVersionFailsSayingSo() {
        assertThatThrownBy(() -> wordcount.decode("{\"a\":1}".getBytes(UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("earlier fanout version");
        assertThatThrownBy(() -> doubles.decode("[2,4]".getBytes(UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("earlier fanout version");
    }

    @Test
    void anotherJobsOrVersionsOrACutPartialFailsSayingSo() {
        byte[] counts = wordcount.encode(Map.of("a", 1L, "b", 2L));
        assertThatThrownBy(() -> csv.decode(counts)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another job type");
        byte[] newer = counts.clone();
        newer[3] = 2;
        assertThatThrownBy(() -> wordcount.decode(newer)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format version 2");
        assertThatThrownBy(() -> wordcount.decode(Arrays.copyOf(counts, counts.length - 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> wordcount.decode(Arrays.copyOf(counts, counts.length + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after its end");
        assertThatThrownBy(() -> wordcount.decode(new byte[] {1, 2, 3, 4, 5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown encoding");
    }
}
