package dev.fanout.core.pipeline;

import dev.fanout.core.model.ChunkResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Running sums over the partials' metadata — of chunk partials, or of combined partials, which carry the sums of
 * their group — and the chunks found without a partial on the way (the combine tasks note them; why they have none
 * is {@link ChunkFailures}' to say). Touched only by the reducing thread.
 */
final class Totals {
    int chunks;
    int retried;
    long records;
    long skipped;
    long bytes;
    long workerMillis;
    long deliveries;
    long combineMillis;
    int combineTasks;
    final List<Integer> missing = new ArrayList<>();

    void add(ChunkResult r) {
        chunks++;
        retried += r.receiveCount() > 1 ? 1 : 0;
        records += r.records();
        skipped += r.skippedRecords();
        bytes += r.bytes();
        workerMillis += r.durationMillis();
        deliveries += r.receiveCount();
    }

    void add(CombinedMetadata.Group g) {
        chunks += g.chunks();
        retried += g.retried();
        records += g.records();
        skipped += g.skipped();
        bytes += g.bytes();
        workerMillis += g.workerMillis();
        deliveries += g.deliveries();
        combineMillis += g.combineMillis();
        combineTasks++;
        missing.addAll(g.missing());
    }
}
