package dev.fanout.local.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Chunks finished per time bucket, from the start of a job's Map Run to its end (or now): at most
 * {@link #MAX_BUCKETS} buckets of a round width (1 s, 2 s, 5 s, 10 s, ...), whatever the job's length, so a poll
 * stays small.
 *
 * <pre>{@code
 * Throughput t = Throughput.of(start, start.plusSeconds(3), List.of(start.plusMillis(500), start.plusMillis(2100)));
 * // t.bucketMillis() == 1000, t.counts() == [1, 0, 1, 0]
 * }</pre>
 *
 * @param start        epoch millis of the first bucket's start
 * @param bucketMillis the width of every bucket
 * @param counts       chunks that finished within each bucket
 */
record Throughput(long start, long bucketMillis, int[] counts) {
    static final int MAX_BUCKETS = 60;
    private static final long[] WIDTHS_SECONDS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600};

    Throughput {
        Objects.requireNonNull(counts, "counts");
        if (bucketMillis <= 0) {
            throw new IllegalArgumentException("bucketMillis must be positive");
        }
    }

    /**
     * @param start       when the chunks could start finishing (the Map Run's start)
     * @param end         the end of the window (the Map Run's stop, or now)
     * @param completions when each finished chunk finished
     */
    static Throughput of(Instant start, Instant end, List<Instant> completions) {
        long span = Math.max(1, Duration.between(start, end).toMillis());
        long width = bucketWidthMillis(span);
        int buckets = (int) Math.min(MAX_BUCKETS, span / width + 1);
        int[] counts = new int[buckets];
        long from = start.toEpochMilli();
        for (Instant at : completions) {
            long offset = at.toEpochMilli() - from;
            if (offset >= 0) {
                counts[(int) Math.min(buckets - 1, offset / width)]++;
            }
        }
        return new Throughput(from, width, counts);
    }

    /** The narrowest round width that covers {@code spanMillis} in at most {@link #MAX_BUCKETS} buckets. */
    static long bucketWidthMillis(long spanMillis) {
        for (long seconds : WIDTHS_SECONDS) {
            if (spanMillis / (seconds * 1000) < MAX_BUCKETS) {
                return seconds * 1000;
            }
        }
        long hours = spanMillis / (MAX_BUCKETS * 3_600_000L) + 1;
        return hours * 3_600_000L;
    }
}
