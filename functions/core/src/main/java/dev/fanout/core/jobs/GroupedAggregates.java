package dev.fanout.core.jobs;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.fanout.core.job.Job;
import dev.fanout.core.jobs.CsvAggregateJob.Stats;
import dev.fanout.core.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
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

    @Override
    public final Map<String, Stats> combine(Map<String, Stats> left, Map<String, Stats> right) {
        Map<String, Stats> sum = new HashMap<>(left);
        right.forEach((k, s) -> sum.merge(k, s, Stats::plus));
        return sum;
    }

    @Override
    public final Map<String, Stats> empty() {
        return Map.of();
    }

    @Override
    public final Map<String, Stats> newAccumulator() {
        return new HashMap<>();
    }

    /** {@code accumulator} precedes {@code next}: on equal values the earlier min/max (and its scale) stays. */
    @Override
    public final Map<String, Stats> merge(Map<String, Stats> accumulator, Map<String, Stats> next) {
        Map<String, Stats> into = accumulator instanceof HashMap<String, Stats> ? accumulator
                : new HashMap<>(accumulator);
        next.forEach((k, s) -> into.merge(k, s, Stats::plus));
        return into;
    }

    /** {@link BinaryPartial} with the job's tag: the number of groups, then each key, count, sum, min and max (exact). */
    @Override
    public final byte[] encode(Map<String, Stats> partial) {
        BinaryPartial.Writer out = new BinaryPartial.Writer(tag, 16 + partial.size() * 24);
        out.varLong(partial.size());
        partial.forEach((key, s) -> out.string(key).varLong(s.count()).decimal(s.sum()).decimal(s.min())
                .decimal(s.max()));
        return out.toByteArray();
    }

    @Override
    public final Map<String, Stats> decode(byte[] bytes) {
        BinaryPartial.Reader in = new BinaryPartial.Reader(bytes, tag, what);
        int n = in.count();
        Map<String, Stats> groups = HashMap.newHashMap(n);
        for (int i = 0; i < n; i++) {
            String key = in.string();
            long count = in.varLong();
            groups.put(key, new Stats(count, in.decimal(), in.decimal(), in.decimal()));
        }
        in.end();
        return groups;
    }

    /** Streamed in key order, without a tree of the groups (a third of the reducer's time with 100,000 of them). */
    @Override
    public final void writeResult(Map<String, Stats> result, OutputStream out) throws IOException {
        try (JsonGenerator json = Json.mapper().createGenerator(new NonClosing(out))) {
            json.writeStartObject();
            for (String key : SortedKeys.of(result.keySet())) {
                Stats s = result.get(key);
                json.writeFieldName(key);
                json.writeStartObject();
                json.writeNumberField("count", s.count());
                json.writeNumberField("sum", s.sum());
                json.writeNumberField("min", s.min());
                json.writeNumberField("max", s.max());
                json.writeNumberField("mean", s.mean());
                json.writeEndObject();
            }
            json.writeEndObject();
        }
    }
}
