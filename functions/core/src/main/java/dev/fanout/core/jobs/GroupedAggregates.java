package dev.fanout.core.jobs;

import dev.fanout.core.job.Job;
import dev.fanout.core.jobs.CsvAggregateJob.Stats;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * What {@code csv-aggregate} and {@code jsonl-aggregate} share once the records are read: per-group
 * {@link CsvAggregateJob.Stats} partials, their merge, their binary encoding ({@link BinaryPartial}, one tag per
 * job) and the result, a JSON object key → {@code {count, sum, min, max, mean}} with the keys sorted.
 */
abstract class GroupedAggregates implements Job<Map<String, Stats>> {
    private final char tag;
    private final String what;

    GroupedAggregates(char tag, String what) {
        this.tag = tag;
        this.what = what;
    }

    /** A new {@link GroupTotals} of both: decoded partials are added as {@link #merge} adds them. */
    @Override
    public final Map<String, Stats> combine(Map<String, Stats> left, Map<String, Stats> right) {
        return new GroupTotals().merge(left).merge(right);
    }

    @Override
    public final Map<String, Stats> empty() {
        return Map.of();
    }

    @Override
    public final Map<String, Stats> newAccumulator() {
        return new GroupTotals();
    }

    /** {@code accumulator} precedes {@code next}: on equal values the earlier min/max (and its scale) stays. */
    @Override
    public final Map<String, Stats> merge(Map<String, Stats> accumulator, Map<String, Stats> next) {
        GroupTotals into = accumulator instanceof GroupTotals totals ? totals : new GroupTotals().merge(accumulator);
        return into.merge(next);
    }

    /** {@link BinaryPartial} with the job's tag: the number of groups, then each key, count, sum, min and max (exact). */
    @Override
    public final byte[] encode(Map<String, Stats> partial) {
        if (partial instanceof GroupTotals totals) {
            return totals.encode(tag);
        }
        if (partial instanceof DecodedGroups decoded && decoded.isTagged(tag)) {
            return decoded.bytes().clone();
        }
        BinaryPartial.Writer out = new BinaryPartial.Writer(tag, 16 + partial.size() * 24);
        out.varLong(partial.size());
        partial.forEach((key, s) -> out.string(key).varLong(s.count()).decimal(s.sum()).decimal(s.min())
                .decimal(s.max()));
        return out.toByteArray();
    }

    /**
     * Checked and parsed into flat arrays ({@link DecodedGroups}), which {@link #merge} adds into a
     * {@link GroupTotals} with no String or BigDecimal per group.
     */
    @Override
    public final Map<String, Stats> decode(byte[] bytes) {
        return new DecodedGroups(bytes, tag, what);
    }

    /**
     * Streamed in key order by {@link GroupedResultWriter}, byte for byte what the shared mapper's generator writes,
     * from the groups' unscaled longs where they have them.
     */
    @Override
    public final void writeResult(Map<String, Stats> result, OutputStream out) throws IOException {
        GroupTotals totals = result instanceof GroupTotals t ? t : new GroupTotals().merge(result);
        GroupedResultWriter.write(totals.groups(), out);
    }
}
