package dev.fanout.local.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThroughputTest {
    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void countsTheChunksFinishedInEachSecond_whileTheJobIsShort() {
        Throughput t = Throughput.of(START, START.plusMillis(3_200), List.of(
                START.plusMillis(100), START.plusMillis(900), START.plusMillis(2_500), START.plusMillis(3_100)));

        assertThat(t.start()).isEqualTo(START.toEpochMilli());
        assertThat(t.bucketMillis()).isEqualTo(1_000);
        assertThat(t.counts()).containsExactly(2, 0, 1, 1);
    }

    @Test
    void widensTheBucketsToRoundWidths_soThatALongJobStaysWithinSixtyBuckets() {
        assertThat(Throughput.bucketWidthMillis(59_999)).isEqualTo(1_000);
        assertThat(Throughput.bucketWidthMillis(60_000)).isEqualTo(2_000);
        assertThat(Throughput.bucketWidthMillis(Duration.ofMinutes(4).toMillis())).isEqualTo(5_000);
        assertThat(Throughput.bucketWidthMillis(Duration.ofMinutes(119).toMillis())).isEqualTo(120_000);
        assertThat(Throughput.bucketWidthMillis(Duration.ofHours(2).toMillis())).isEqualTo(300_000);
        assertThat(Throughput.bucketWidthMillis(Duration.ofDays(10).toMillis())).isEqualTo(Duration.ofHours(5).toMillis());

        Throughput day = Throughput.of(START, START.plus(Duration.ofHours(24)), List.of(START.plus(Duration.ofHours(23))));
        assertThat(day.counts()).hasSizeLessThanOrEqualTo(Throughput.MAX_BUCKETS);
        assertThat(day.bucketMillis()).isEqualTo(Duration.ofMinutes(30).toMillis());
        assertThat(day.counts()[46]).isEqualTo(1);
    }

    @Test
    void putsAChunkThatEndedAtTheWindowsEndIntoTheLastBucket_andIgnoresOnesBeforeTheStart() {
        Throughput t = Throughput.of(START, START.plusSeconds(2), List.of(START.plusSeconds(2),
                START.minusMillis(1)));

        assertThat(t.counts()).containsExactly(0, 0, 1);
    }
}
