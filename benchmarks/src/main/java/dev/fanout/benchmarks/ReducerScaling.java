package dev.fanout.benchmarks;

import dev.fanout.core.cost.FunctionMemory;
import dev.fanout.core.job.Job;
import dev.fanout.core.job.JobRegistry;
import dev.fanout.core.model.ObjectInfo;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.model.SplitPlan;
import dev.fanout.core.pipeline.Keys;
import dev.fanout.core.pipeline.Limits;
import dev.fanout.core.pipeline.PipelineSettings;
import dev.fanout.core.pipeline.Reducer;
import dev.fanout.core.port.BlobStore;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The reducer at scale, with synthetic wordcount partials: a job of P chunks whose partials each hold K distinct
 * keys (drawn from a universe of 4·K), reduced through {@link Reducer#reduce} from a store that serves the partials
 * from a pool of 16 pre-encoded bodies (so the store itself needs little memory). Prints wall time, peak heap,
 * bytes per key of a partial, the decode and merge rates, the heap per distinct key of the accumulator, and what
 * those figures project for a job of 100,000 chunks.
 *
 * <pre>{@code
 * java -Xmx4g -cp ... dev.fanout.benchmarks.ReducerScaling 1000 50000
 * }</pre>
 */
public final class ReducerScaling {
    private static final int POOL = 16;

    private ReducerScaling() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        int partials = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int keys = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        int universe = 4 * keys;
        JobRegistry jobs = JobRegistry.load();
        Job<Object> job = (Job<Object>) jobs.require("wordcount");
        byte[][] bodies = new byte[POOL][];
        for (int i = 0; i < POOL; i++) {
            bodies[i] = job.encode(Partials.counts(keys, universe, i));
        }
        double bytesPerKey = bodies[0].length / (double) keys;
        System.out.printf("reducer scaling: %,d partials x %,d distinct keys (universe %,d), %d cores, max heap %,d MiB%n",
                partials, keys, universe, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("  partial: %,d bytes, %.1f bytes per key%n", bodies[0].length, bytesPerKey);

        // single-thread rates over the pool; merge may reuse the partials it is given, so each round decodes anew
        long decodeNanos = 0;
        long mergeNanos = 0;
        Object total = job.newAccumulator();
        int rounds = 3;
        for (int round = 0; round < rounds; round++) {
            long t0 = System.nanoTime();
            Object[] decoded = new Object[POOL];
            for (int i = 0; i < POOL; i++) {
                decoded[i] = job.decode(bodies[i]);
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < POOL; i++) {
                total = job.merge(total, decoded[i]);
            }
            decodeNanos += t1 - t0;
            mergeNanos += System.nanoTime() - t1;
        }
        double decodeRate = (double) rounds * POOL * keys / (decodeNanos / 1e9);
        double mergeRate = (double) rounds * POOL * keys / (mergeNanos / 1e9);
        int distinct = ((Map<String, Long>) total).size();
        gc();
        long withAccumulator = usedHeap();
        total = null;
        gc();
        double heapPerKey = (withAccumulator - usedHeap()) / (double) distinct;
        System.out.printf("  decode: %,.0f keys/s on one thread%n", decodeRate);
        System.out.printf("  merge (into the running total): %,.0f keys/s on one thread%n", mergeRate);
        System.out.printf("  accumulator: %,d distinct keys, %.0f bytes of heap per distinct key%n", distinct,
                heapPerKey);

        ExecutorService pool = Executors.newFixedThreadPool(PipelineSettings.DEFAULT_REDUCER_READ_CONCURRENCY);
        PipelineSettings settings = new PipelineSettings("in", "work", "out", 100, 120, 64L << 20, 10_000, 3,
                PipelineSettings.DEFAULT_REDUCER_READ_CONCURRENCY, new FunctionMemory(1024, 1024, 1024), Limits.defaults());
        PooledPartials blobs = new PooledPartials(bodies, partials);
        Reducer reducer = new Reducer(blobs, jobs, settings, Clock.systemUTC(), pool);
        SplitPlan plan = new SplitPlan("scale", "wordcount", new ObjectLocation("in", "input"),
                new ObjectLocation("work", "manifest"), partials, 1, 100, 0, 120, 0, 0);
        resetPeaks();
        long baseline = usedHeap();
        long t0 = System.nanoTime();
        reducer.reduce(plan);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long peak = peakHeap();
        pool.shutdownNow();
        System.out.printf("  reduce: %.1f s wall, %,.0f keys/s, peak heap %,d MiB (%,d MiB before), result %,d bytes%n",
                seconds, (double) partials * keys / seconds, peak >> 20, baseline >> 20, blobs.resultBytes);

        long bigChunks = 100_000;
        double mergedKeys = (double) bigChunks * keys;
        System.out.printf("  projected for %,d chunks x %,d keys: %.1f GB of partials to read, %.0f s of decoding and "
                        + "%.0f s of merging on one thread; accumulator %.0f MB per million distinct keys%n",
                bigChunks, keys, mergedKeys * bytesPerKey / 1e9, mergedKeys / decodeRate, mergedKeys / mergeRate,
                heapPerKey);
    }

    private static void gc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
    }

    private static long usedHeap() {
        return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    }

    private static List<MemoryPoolMXBean> heapPools() {
        List<MemoryPoolMXBean> pools = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pools.add(pool);
            }
        }
        return pools;
    }

    private static void resetPeaks() {
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Sum of the heap pools' peaks: an upper bound of the peak heap in use (pools peak at different times). */
    private static long peakHeap() {
        return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    /** Partial i is pool body i mod 16; the result is counted, not kept. */
    private static final class PooledPartials implements BlobStore {
        private final byte[][] bodies;
        private final int count;
        private volatile long resultBytes;

        PooledPartials(byte[][] bodies, int count) {
            this.bodies = bodies;
            this.count = count;
        }

        @Override
        public Optional<ObjectInfo> head(ObjectLocation location) {
            return Optional.empty();
        }

        @Override
        public InputStream openRange(ObjectLocation location, long start, long endExclusive, String ifMatchEtag) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Blob> get(ObjectLocation location) {
            int index = Keys.indexOf(location.key());
            return Optional.of(new Blob(bodies[index % bodies.length], Map.of()));
        }

        @Override
        public void put(ObjectLocation location, byte[] body, String contentType, Map<String, String> metadata) {
            if (location.key().endsWith(".json") && !location.key().endsWith("summary.json")) {
                resultBytes = body.length;
            }
        }

        @Override
        public List<ObjectInfo> list(String bucket, String prefix) {
            if (!prefix.equals(Keys.partialsPrefix("scale"))) {
                return List.of();
            }
            List<ObjectInfo> all = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                all.add(new ObjectInfo(new ObjectLocation(bucket, Keys.partial("scale", i)), 1, "etag"));
            }
            return all;
        }
    }
}
