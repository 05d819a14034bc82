package dev.fanout.core.pipeline;

import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A combined partial's S3 user metadata: the sums of its group's partials' metadata and the group's chunks that have
 * no partial (failed, with or without a failure record, or lost: the final reduce tells which from the Map's results
 * and the failure records, and whether the job tolerates them), as a bitmap relative to
 * the group's first chunk in base64 — at most {@value dev.fanout.core.model.CombinePlan#MAX_GROUP_SIZE} bits, well
 * inside the 2 KB S3 allows for user-defined metadata
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMetadata.html).
 */
final class CombinedMetadata {
    static final String CHUNKS = "chunks";
    static final String RETRIED = "retried";
    static final String DELIVERIES = "deliveries";
    static final String WORKER_MILLIS = "worker-millis";
    static final String COMBINE_MILLIS = "combine-millis";
    static final String FIRST = "first-chunk";
    static final String MISSING = "missing-chunks";

    /**
     * @param combineMillis how long the combine task that wrote it ran (for the cost estimate; the only value that
     *                      differs between two runs of one group)
     */
    record Group(int first, int chunks, int retried, long records, long skipped, long bytes, long workerMillis,
                 long deliveries, long combineMillis, List<Integer> missing) {
        Group {
            missing = List.copyOf(missing);
        }
    }

    private CombinedMetadata() {
    }

    static Map<String, String> of(Group g) {
        BitSet bits = new BitSet();
        g.missing().forEach(i -> bits.set(i - g.first()));
        Map<String, String> m = new HashMap<>();
        m.put(FIRST, Integer.toString(g.first()));
        m.put(CHUNKS, Integer.toString(g.chunks()));
        m.put(RETRIED, Integer.toString(g.retried()));
        m.put(PartialMetadata.RECORDS, Long.toString(g.records()));
        m.put(PartialMetadata.SKIPPED, Long.toString(g.skipped()));
        m.put(PartialMetadata.BYTES, Long.toString(g.bytes()));
        m.put(WORKER_MILLIS, Long.toString(g.workerMillis()));
        m.put(DELIVERIES, Long.toString(g.deliveries()));
        m.put(COMBINE_MILLIS, Long.toString(g.combineMillis()));
        m.put(MISSING, Base64.getEncoder().encodeToString(bits.toByteArray()));
        return m;
    }

    /** @throws IllegalArgumentException if the metadata is not a combined partial's */
    static Group read(Map<String, String> metadata) {
        Map<String, String> m = new HashMap<>();
        metadata.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), v.trim()));
        int first = (int) number(m, FIRST);
        BitSet bits;
        try {
            bits = BitSet.valueOf(Base64.getDecoder().decode(m.getOrDefault(MISSING, "")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("its " + MISSING + " metadata is not base64", e);
        }
        List<Integer> missing = new ArrayList<>(bits.cardinality());
        bits.stream().forEach(i -> missing.add(first + i));
        return new Group(first, (int) number(m, CHUNKS), (int) number(m, RETRIED), number(m, PartialMetadata.RECORDS),
                number(m, PartialMetadata.SKIPPED), number(m, PartialMetadata.BYTES), number(m, WORKER_MILLIS),
                number(m, DELIVERIES), number(m, COMBINE_MILLIS), missing);
    }

    private static long number(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("it has no " + key + " metadata: not a combined partial");
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("its " + key + " metadata is not a number: " + v, e);
        }
    }
}
