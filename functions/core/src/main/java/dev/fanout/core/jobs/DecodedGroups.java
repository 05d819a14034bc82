package dev.fanout.core.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.fanout.core.internal.Utf8;
import dev.fanout.core.jobs.CsvAggregateJob.Stats;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A {@link GroupedAggregates} partial as {@link GroupedAggregates#decode} reads it: the {@link BinaryPartial} bytes,
 * checked and parsed into flat arrays — where each key lies in the bytes and its {@link ByteKeys#hash}, and each
 * group's count, sum, min and max as unscaled longs with their scales — so that {@link GroupTotals#merge} adds it
 * with one hash lookup per group, and the reducer's decoding (done in parallel) makes no String and no
 * {@link BigDecimal} per group. A decimal beyond a long, or of a scale outside 0..18, is kept as a BigDecimal and
 * its group is merged as BigDecimals. As a {@link Map} (for callers other than the reducer) it is read-only, and
 * makes its Strings and {@link Stats} on first use.
 */
final class DecodedGroups extends AbstractMap<String, Stats> {
    private static final int STRIDE = 7; // key from << 32 | length, hash, count, sum, min, max, scales (or SLOW)
    private static final long SLOW = -1;
    private static final int MAX_SCALE = 18;

    private final byte[] bytes;
    private final char tag;
    private final int size;
    private final long[] groups;
    private BigDecimal[] decimals; // sum, min, max of the SLOW groups; null until one is
    /** True if some key is not well-formed UTF-8: then the keys are what {@code new String} makes of them. */
    private final boolean irregularKeys;
    private Map<String, Stats> map;

    /** Parses {@code bytes}, throwing {@link IllegalArgumentException} (as {@link BinaryPartial.Reader} words it). */
    DecodedGroups(byte[] bytes, char tag, String what) {
        BinaryPartial.Reader in = new BinaryPartial.Reader(bytes, tag, what); // checks the header
        this.bytes = bytes;
        this.tag = tag;
        int n = in.count();
        this.size = n;
        long[] g = new long[n * STRIDE];
        boolean irregular = false;
        for (int k = 0, at = 0; k < n; k++, at += STRIDE) {
            long key = in.slice();
            int from = (int) (key >>> 32);
            int length = (int) key;
            if (Utf8.firstInvalid(bytes, from, length) >= 0) {
                irregular = true;
            }
            g[at] = (long) from << 32 | length;
            g[at + 1] = ByteKeys.hash(bytes, from, length);
            g[at + 2] = in.varLong();
            for (int v = 0; v < 3; v++) {
                int scale = Math.toIntExact(in.signedVarLong());
                long form = in.varLong();
                if (form == 0) {
                    long unscaled = in.signedVarLong();
                    if (g[at + 6] != SLOW && scale >= 0 && scale <= MAX_SCALE) {
                        g[at + 3 + v] = unscaled;
                        g[at + 6] |= (long) scale << (8 * v);
                    } else {
                        toSlow(g, at, k, v);
                        decimals[3 * k + v] = BigDecimal.valueOf(unscaled, scale);
                    }
                } else {
                    long magnitude = in.slice();
                    int start = (int) (magnitude >>> 32);
                    int magnitudeBytes = (int) magnitude;
                    if (magnitudeBytes == 0) {
                        throw in.truncated();
                    }
                    toSlow(g, at, k, v);
                    decimals[3 * k + v] = new BigDecimal(new BigInteger(bytes, start, magnitudeBytes), scale);
                }
            }
        }
        in.end();
        this.groups = g;
        this.irregularKeys = irregular;
    }

    /** Group {@code k} (at {@code at}) becomes SLOW at its value {@code v}: its values before, longs, become BigDecimals. */
    private void toSlow(long[] g, int at, int k, int v) {
        if (g[at + 6] == SLOW) {
            return; // already
        }
        if (decimals == null) {
            decimals = new BigDecimal[3 * size];
        }
        long packed = g[at + 6];
        for (int u = 0; u < v; u++) {
            decimals[3 * k + u] = BigDecimal.valueOf(g[at + 3 + u], (int) ((packed >>> (8 * u)) & 0xff));
        }
        g[at + 6] = SLOW;
    }

    /** Adds every group to {@code into}, after what it holds (so its earlier min/max stay on ties). */
    void mergeInto(GroupStats into) {
        if (irregularKeys) {
            map().forEach((key, s) -> {
                byte[] k = key.getBytes(UTF_8);
                into.merge(k, 0, k.length, ByteKeys.hash(k, 0, k.length), s.count(), s.sum(), s.min(), s.max());
            });
            return;
        }
        long[] g = groups;
        byte[] b = bytes;
        for (int k = 0, at = 0; k < size; k++, at += STRIDE) {
            int from = (int) (g[at] >>> 32);
            int length = (int) g[at];
            int hash = (int) g[at + 1];
            long packed = g[at + 6];
            if (packed != SLOW) {
                into.merge(b, from, length, hash, g[at + 2], g[at + 3], (int) (packed & 0xff), g[at + 4],
                        (int) ((packed >>> 8) & 0xff), g[at + 5], (int) (packed >>> 16));
            } else {
                into.merge(b, from, length, hash, g[at + 2], decimals[3 * k], decimals[3 * k + 1],
                        decimals[3 * k + 2]);
            }
        }
    }

    /** True if it was decoded as a partial of the job of tag {@code tag}. */
    boolean isTagged(char tag) {
        return this.tag == tag;
    }

    /** The bytes it was decoded from: its encoding. */
    byte[] bytes() {
        return bytes;
    }

    @Override
    public int size() {
        return map == null && !irregularKeys ? size : map().size();
    }

    @Override
    public Stats get(Object key) {
        return map().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return map().containsKey(key);
    }

    @Override
    public Set<Entry<String, Stats>> entrySet() {
        return map().entrySet();
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Stats> action) {
        map().forEach(action); // the HashMap's own, no entry wrapped per group
    }

    /** The partial as a HashMap of Strings and {@link Stats}: a later group of the same key replaces an earlier one. */
    private Map<String, Stats> map() {
        if (map == null) {
            Map<String, Stats> m = HashMap.newHashMap(size);
            long[] g = groups;
            for (int k = 0, at = 0; k < size; k++, at += STRIDE) {
                String key = new String(bytes, (int) (g[at] >>> 32), (int) g[at], UTF_8);
                long packed = g[at + 6];
                m.put(key, packed == SLOW
                        ? new Stats(g[at + 2], decimals[3 * k], decimals[3 * k + 1], decimals[3 * k + 2])
                        : new Stats(g[at + 2], BigDecimal.valueOf(g[at + 3], (int) (packed & 0xff)),
                                BigDecimal.valueOf(g[at + 4], (int) ((packed >>> 8) & 0xff)),
                                BigDecimal.valueOf(g[at + 5], (int) (packed >>> 16))));
            }
            map = java.util.Collections.unmodifiableMap(m);
        }
        return map;
    }
}
