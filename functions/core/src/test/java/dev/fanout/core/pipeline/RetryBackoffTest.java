package dev.fanout.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.core.testing.FixedJitter;
import java.time.Duration;
import java.util.LongSummaryStatistics;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {
    private static final WorkerTiming TIMING = new WorkerTiming(Duration.ofSeconds(40), Duration.ofSeconds(1),
            Duration.ofSeconds(30));

    @Test
    void theLongestDelayDoublesWithEachReceiveUpToTheCap() {
        RetryBackoff backoff = new RetryBackoff(TIMING, new FixedJitter(1.0));
        assertThat(IntStream.rangeClosed(1, 7).mapToObj(backoff::after).map(Duration::toMillis))
                .containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L);
        assertThat(backoff.after(1_000)).as("no overflow").isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void fullJitterSpreadsTheDelaysOverTheWholeRange() {
        RetryBackoff backoff = new RetryBackoff(TIMING, new SplittableRandom(7));
        LongSummaryStatistics delays = IntStream.range(0, 2_000).mapToLong(i -> backoff.after(3).toMillis())
                .summaryStatistics();
        assertThat(delays.getMin()).isGreaterThanOrEqualTo(0).isLessThan(200);
        assertThat(delays.getMax()).isLessThanOrEqualTo(4_000).isGreaterThan(3_800);
        assertThat(delays.getAverage()).isBetween(1_800.0, 2_200.0);
    }

    @Test
    void theShortestDrawIsNoDelayAtAll() {
        assertThat(new RetryBackoff(TIMING, new FixedJitter(0)).after(2)).isZero();
    }
}
