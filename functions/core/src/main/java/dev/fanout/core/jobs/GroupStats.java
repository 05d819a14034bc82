package dev.fanout.core.jobs;

import dev.fanout.core.jobs.CsvAggregateJob.Stats;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Running {@link Stats} per group, in arrays indexed by the group's number ({@link ByteKeys}), exactly as
 * {@link BigDecimal#add}, {@link BigDecimal#min} and {@link BigDecimal#max} would keep them: the sum's scale is the
 * largest scale added, and on equal values the earlier min/max (and its scale) stays.
 *
 * <p>A group whose values are all decimals of at most 18 digits ({@link #add(byte[], int, int, long, int)}) keeps
 * its count, sum, min and max as unscaled longs with their scales, side by side in one array: no object per value
 * and one place in memory per group. The first value that does not fit (a sum that overflows a long, a
 * {@link BigDecimal} from {@link #add(byte[], int, int, BigDecimal)}) moves the group to BigDecimals for good.
 * Not thread-safe.
 */
final class GroupStats {
    private static final int STRIDE = 5; // count, sum, min, max, scales (or SLOW)
    private static final long SLOW = -1;
    private static final int MAX_SCALE = 18;
    private static final long[] POWERS = new long[MAX_SCALE + 1];

    static {
        POWERS[0] = 1;
        for (int i = 1; i < POWERS.length; i++) {
            POWERS[i] = POWERS[i - 1] * 10;
        }
    }

    private final ByteKeys keys = new ByteKeys();
    private long[] longs = new long[64 * STRIDE];
    private BigDecimal[] sums; // groups in BigDecimals only; null until one is
    private BigDecimal[] mins;
    private BigDecimal[] maxes;

    /** Adds {@code unscaled × 10^-scale}, {@code 0 <= scale <= 18}, to group {@code key[from, from + length)}. */
    void add(byte[] key, int from, int length, long unscaled, int scale) {
        int g = group(key, from, length);
        int i = g * STRIDE;
        long[] t = longs;
        long count = t[i];
        if (count == 0) {
            t[i] = 1;
            t[i + 1] = unscaled;
            t[i + 2] = unscaled;
            t[i + 3] = unscaled;
            t[i + 4] = scales(scale, scale, scale);
            return;
        }
        long packed = t[i + 4];
        if (packed == SLOW) {
            t[i] = count + 1;
            addSlow(g, BigDecimal.valueOf(unscaled, scale));
            return;
        }
        int sumScale = (int) (packed & 0xff);
        int minScale = (int) ((packed >>> 8) & 0xff);
        int maxScale = (int) (packed >>> 16);
        long sum = t[i + 1];
        long value = unscaled;
        if (scale > sumScale) {
            sum = scaledUp(sum, scale - sumScale);
            sumScale = scale;
        } else if (scale < sumScale) {
            value = scaledUp(unscaled, sumScale - scale);
        }
        long total = sum + value;
        if (sum == Long.MIN_VALUE || value == Long.MIN_VALUE || ((sum ^ total) & (value ^ total)) < 0) {
            toSlow(g);
            t[i] = count + 1;
            addSlow(g, BigDecimal.valueOf(unscaled, scale));
            return;
        }
        t[i] = count + 1;
        t[i + 1] = total;
        if (compare(unscaled, scale, t[i + 2], minScale) < 0) {
            t[i + 2] = unscaled;
            minScale = scale;
        }
        if (compare(unscaled, scale, t[i + 3], maxScale) > 0) {
            t[i + 3] = unscaled;
            maxScale = scale;
        }
        t[i + 4] = scales(sumScale, minScale, maxScale);
    }

    /** Adds {@code value} to group {@code key[from, from + length)}, which keeps BigDecimals from now on. */
    void add(byte[] key, int from, int length, BigDecimal value) {
        int g = group(key, from, length);
        int i = g * STRIDE;
        if (longs[i] == 0) {
            slowArrays();
            longs[i] = 1;
            longs[i + 4] = SLOW;
            sums[g] = value;
            mins[g] = value;
            maxes[g] = value;
            return;
        }
        if (longs[i + 4] != SLOW) {
            toSlow(g);
        }
        longs[i]++;
        addSlow(g, value);
    }

    Map<String, Stats> toMap() {
        Map<String, Stats> map = HashMap.newHashMap(keys.size());
        for (int g = 0; g < keys.size(); g++) {
            map.put(keys.key(g), stats(g));
        }
        return map;
    }

    /**
     * Merges a group's partial aggregates into group {@code key[from, from + length)}, whose {@link ByteKeys#hash}
     * is {@code hash}, as {@link Stats#plus} would with this group's aggregates first: {@code count} values summing
     * to {@code sum × 10^-sumScale}, least {@code min × 10^-minScale}, greatest {@code max × 10^-maxScale}, every
     * scale within 0..18. A group seen here for the first time takes them as they are.
     */
    void merge(byte[] key, int from, int length, int hash, long count, long sum, int sumScale, long min, int minScale,
            long max, int maxScale) {
        int before = keys.size();
        int g = group(key, from, length, hash);
        int i = g * STRIDE;
        long[] t = longs;
        if (keys.size() > before) {
            t[i] = count;
            t[i + 1] = sum;
            t[i + 2] = min;
            t[i + 3] = max;
            t[i + 4] = scales(sumScale, minScale, maxScale);
            return;
        }
        long packed = t[i + 4];
        if (packed != SLOW) {
            int totalScale = (int) (packed & 0xff);
            long mine = t[i + 1];
            long theirs = sum;
            if (sumScale > totalScale) {
                mine = scaledUp(mine, sumScale - totalScale);
                totalScale = sumScale;
            } else if (sumScale < totalScale) {
                theirs = scaledUp(sum, totalScale - sumScale);
            }
            long total = mine + theirs;
            if (mine != Long.MIN_VALUE && theirs != Long.MIN_VALUE && ((mine ^ total) & (theirs ^ total)) >= 0) {
                int lowScale = (int) ((packed >>> 8) & 0xff);
                int highScale = (int) (packed >>> 16);
                t[i] += count;
                t[i + 1] = total;
                if (compare(min, minScale, t[i + 2], lowScale) < 0) {
                    t[i + 2] = min;
                    lowScale = minScale;
                }
                if (compare(max, maxScale, t[i + 3], highScale) > 0) {
                    t[i + 3] = max;
                    highScale = maxScale;
                }
                t[i + 4] = scales(totalScale, lowScale, highScale);
                return;
            }
            toSlow(g);
        }
        t[i] += count;
        mergeSlow(g, BigDecimal.valueOf(sum, sumScale), BigDecimal.valueOf(min, minScale),
                BigDecimal.valueOf(max, maxScale));
    }

    /** {@link #merge(byte[], int, int, int, long, long, int, long, int, long, int)} of any decimals: the group keeps BigDecimals. */
    void merge(byte[] key, int from, int length, int hash, long count, BigDecimal sum, BigDecimal min,
            BigDecimal max) {
        int before = keys.size();
        int g = group(key, from, length, hash);
        int i = g * STRIDE;
        slowArrays();
        if (keys.size() > before) {
            longs[i] = count;
            longs[i + 4] = SLOW;
            sums[g] = sum;
            mins[g] = min;
            maxes[g] = max;
            return;
        }
        if (longs[i + 4] != SLOW) {
            toSlow(g);
        }
        longs[i] += count;
        mergeSlow(g, sum, min, max);
    }

    /** The number of groups; they are numbered 0, 1, ... in the order they were first seen. */
    int size() {
        return keys.size();
    }

    String key(int g) {
        return keys.key(g);
    }

    long count(int g) {
        return longs[g * STRIDE];
    }

    /** True if group {@code g}'s sum, min and max are the longs and scales of {@link #unscaled} and {@link #scale}. */
    boolean isExactLongs(int g) {
        return longs[g * STRIDE + 4] != SLOW;
    }

    /** Of an {@link #isExactLongs} group: {@code which} 0 = sum, 1 = min, 2 = max. */
    long unscaled(int g, int which) {
        return longs[g * STRIDE + 1 + which];
    }

    /** Of an {@link #isExactLongs} group: the scale of {@link #unscaled}. */
    int scale(int g, int which) {
        return (int) ((longs[g * STRIDE + 4] >>> (8 * which)) & 0xff);
    }

    /** Group {@code g}'s aggregates. */
    Stats stats(int g) {
        int i = g * STRIDE;
        long packed = longs[i + 4];
        return packed == SLOW ? new Stats(longs[i], sums[g], mins[g], maxes[g])
                : new Stats(longs[i], BigDecimal.valueOf(longs[i + 1], (int) (packed & 0xff)),
                        BigDecimal.valueOf(longs[i + 2], (int) ((packed >>> 8) & 0xff)),
                        BigDecimal.valueOf(longs[i + 3], (int) (packed >>> 16)));
    }

    private void mergeSlow(int g, BigDecimal sum, BigDecimal min, BigDecimal max) {
        sums[g] = sums[g].add(sum);
        mins[g] = mins[g].min(min);
        maxes[g] = maxes[g].max(max);
    }

    private int group(byte[] key, int from, int length) {
        return group(key, from, length, ByteKeys.hash(key, from, length));
    }

    private int group(byte[] key, int from, int length, int hash) {
        int g = keys.indexOf(key, from, length, hash);
        if ((g + 1) * STRIDE > longs.length) {
            longs = Arrays.copyOf(longs, longs.length * 2);
            if (sums != null) {
                sums = Arrays.copyOf(sums, longs.length / STRIDE);
                mins = Arrays.copyOf(mins, sums.length);
                maxes = Arrays.copyOf(maxes, sums.length);
            }
        }
        return g;
    }

    private static long scales(int sum, int min, int max) {
        return sum | (min << 8) | ((long) max << 16);
    }

    /** {@code x × 10^digits}, or {@link Long#MIN_VALUE} if that does not fit in a long (the caller then overflows too). */
    private static long scaledUp(long x, int digits) {
        long p = POWERS[digits];
        long product = x * p;
        return Math.multiplyHigh(x, p) == (product >> 63) ? product : Long.MIN_VALUE;
    }

    /** {@code a × 10^-aScale} against {@code b × 10^-bScale}, both scales within 0..18. */
    static int compare(long a, int aScale, long b, int bScale) {
        if (aScale == bScale) {
            return Long.compare(a, b);
        }
        if (aScale < bScale) {
            long scaled = scaledUp(a, bScale - aScale);
            // a ≠ 0 overflowed: its magnitude is beyond any long's, so its sign decides
            return scaled == Long.MIN_VALUE ? Long.signum(a) : Long.compare(scaled, b);
        }
        long scaled = scaledUp(b, aScale - bScale);
        return scaled == Long.MIN_VALUE ? -Long.signum(b) : Long.compare(a, scaled);
    }

    private void slowArrays() {
        if (sums == null) {
            sums = new BigDecimal[longs.length / STRIDE];
            mins = new BigDecimal[sums.length];
            maxes = new BigDecimal[sums.length];
        }
    }

    private void toSlow(int g) {
        slowArrays();
        int i = g * STRIDE;
        long packed = longs[i + 4];
        sums[g] = BigDecimal.valueOf(longs[i + 1], (int) (packed & 0xff));
        mins[g] = BigDecimal.valueOf(longs[i + 2], (int) ((packed >>> 8) & 0xff));
        maxes[g] = BigDecimal.valueOf(longs[i + 3], (int) (packed >>> 16));
        longs[i + 4] = SLOW;
    }

    private void addSlow(int g, BigDecimal value) {
        sums[g] = sums[g].add(value);
        mins[g] = mins[g].min(value);
        maxes[g] = maxes[g].max(value);
    }
}
