package dev.fanout.core.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.fanout.core.jobs.CsvAggregateJob.Stats;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The reducer's accumulator of {@link GroupedAggregates}: the groups in a {@link GroupStats} (keyed by their UTF-8
 * bytes, aggregates as unscaled longs with their scales, BigDecimals where those do not suffice), which
 * {@link #merge} adds partials into in chunk order, {@link #encode} encodes and {@link GroupedResultWriter} writes
 * without a String or {@link Stats} per group and partial. As a {@link Map} it is read-only, and makes its Strings
 * and {@link Stats} on first use after a merge. Not thread-safe.
 */
final class GroupTotals extends AbstractMap<String, Stats> {
    private final GroupStats groups = new GroupStats();
    private Map<String, Stats> map;

    /** Adds {@code next}, which follows what was merged so far in chunk order. */
    GroupTotals merge(Map<String, Stats> next) {
        map = null;
        if (next instanceof DecodedGroups decoded) {
            decoded.mergeInto(groups);
        } else {
            next.forEach(this::add);
        }
        return this;
    }

    private void add(String key, Stats s) {
        byte[] k = key.getBytes(UTF_8);
        int hash = ByteKeys.hash(k, 0, k.length);
        if (fits(s.sum()) && fits(s.min()) && fits(s.max())) {
            groups.merge(k, 0, k.length, hash, s.count(), s.sum().unscaledValue().longValue(), s.sum().scale(),
                    s.min().unscaledValue().longValue(), s.min().scale(), s.max().unscaledValue().longValue(),
                    s.max().scale());
        } else {
            groups.merge(k, 0, k.length, hash, s.count(), s.sum(), s.min(), s.max());
        }
    }

    private static boolean fits(BigDecimal d) {
        return d.scale() >= 0 && d.scale() <= 18 && d.unscaledValue().bitLength() < 64;
    }

    GroupStats groups() {
        return groups;
    }

    /** {@link BinaryPartial} with tag {@code tag}, as {@link GroupedAggregates#encode} writes any partial. */
    byte[] encode(char tag) {
        GroupStats g = groups;
        int n = g.size();
        BinaryPartial.Writer out = new BinaryPartial.Writer(tag, 16 + n * 24);
        out.varLong(n);
        for (int k = 0; k < n; k++) {
            out.string(g.key(k)).varLong(g.count(k));
            if (g.isExactLongs(k)) {
                for (int v = 0; v < 3; v++) {
                    decimal(out, g.unscaled(k, v), g.scale(k, v));
                }
            } else {
                Stats s = g.stats(k);
                out.decimal(s.sum()).decimal(s.min()).decimal(s.max());
            }
        }
        return out.toByteArray();
    }

    /** {@link BinaryPartial.Writer#decimal} of {@code unscaled × 10^-scale}, without the BigDecimal. */
    private static void decimal(BinaryPartial.Writer out, long unscaled, int scale) {
        if (unscaled >= -(1L << 62) && unscaled < 1L << 62) { // BigInteger.bitLength() < 63
            out.signedVarLong(scale).varLong(0).signedVarLong(unscaled);
        } else {
            out.decimal(new BigDecimal(BigInteger.valueOf(unscaled), scale));
        }
    }

    @Override
    public int size() {
        return groups.size();
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

    private Map<String, Stats> map() {
        if (map == null) {
            Map<String, Stats> m = HashMap.newHashMap(groups.size());
            for (int g = 0; g < groups.size(); g++) {
                m.put(groups.key(g), groups.stats(g));
            }
            map = Collections.unmodifiableMap(m);
        }
        return map;
    }
}
