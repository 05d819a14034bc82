package dev.fanout.local.runtime;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** How many times the worker ran each chunk's {@code map}, per job: what a rerun or a redrive costs. Thread-safe. */
final class ChunkRuns {
    private final Map<String, Map<Integer, AtomicInteger>> runs = new ConcurrentHashMap<>();

    void ran(String jobId, int chunkIndex) {
        runs.computeIfAbsent(jobId, j -> new ConcurrentHashMap<>())
                .computeIfAbsent(chunkIndex, i -> new AtomicInteger()).incrementAndGet();
    }

    /** Chunk index to the runs of its map, for the chunks that ran at least once, in index order. */
    Map<Integer, Integer> of(String jobId) {
        Map<Integer, Integer> counts = new TreeMap<>();
        runs.getOrDefault(jobId, Map.of()).forEach((index, n) -> counts.put(index, n.get()));
        return counts;
    }
}
