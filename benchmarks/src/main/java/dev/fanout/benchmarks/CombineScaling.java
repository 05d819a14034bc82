package dev.fanout.benchmarks;

import dev.fanout.core.cost.FunctionMemory;
import dev.fanout.core.job.Job;
import dev.fanout.core.job.JobRegistry;
import dev.fanout.core.model.CombinePlan;
import dev.fanout.core.model.ObjectInfo;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.model.SplitPlan;
import dev.fanout.core.pipeline.Keys;
import dev.fanout.core.pipeline.Limits;
import dev.fanout.core.pipeline.PipelineSettings;
import dev.fanout.core.pipeline.Reducer;
import dev.fanout.core.port.BlobStore;
import dev.fanout.deployment.Deployment;
import dev.fanout.deployment.DeploymentSettings;
import dev.fanout.deployment.PipelineFunction;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The combine level at scale, with synthetic wordcount partials: a job of P chunks whose partials each hold K
 * distinct keys (drawn from a universe of 4·K), reduced twice from a store that serves the partials from a pool of 16
 * pre-encoded bodies — once directly ({@link Reducer#reduce} of every partial, the baseline) and once through a
 * combine level of groups of at most M partials ({@link Reducer#combine} per group, one after another as separate
 * Lambda invocations would run them, then the final {@link Reducer#reduce} over the combined partials). Prints each
 * run's wall time and peak heap, checks that both results are the same bytes, and projects a job of 100,000 chunks ×
 * K keys on AWS at the deployed reducer (memory, timeout and REDUCER_MAX_PARTIALS from the deployment contract).
 *
 * <pre>{@code
 * java -Xmx1g -cp ... dev.fanout.benchmarks.CombineScaling 2000 50000 500
 * }</pre>
 */
public final class CombineScaling {
    private static final int POOL = 16;
    private static final String JOB = "scale";
    /** Lambda: at 1,769 MB a function has the equivalent of one vCPU (configuration-memory page). */
    private static final double MB_PER_VCPU = 1_769;
    /**
     * Assumed S3 read throughput of one function (AWS publishes no per-function network figure; S3's guidance is to
     * scale with concurrent connections, which the reducer does, 32 at a time).
     */
    private static final double ASSUMED_S3_MB_PER_SECOND = 100;

    private CombineScaling() {
    }

    private record Run(double seconds, long peakHeap) {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        int partials = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int keys = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        int maxPartials = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int universe = 4 * keys;
        JobRegistry jobs = JobRegistry.load();
        Job<Object> job = (Job<Object>) jobs.require("wordcount");
        byte[][] bodies = new byte[POOL][];
        for (int i = 0; i < POOL; i++) {
            bodies[i] = job.encode(Partials.counts(keys, universe, i));
        }
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("combine scaling: %,d partials x %,d distinct keys (universe %,d), groups of at most %,d; "
                        + "%d cores, max heap %,d MiB%n", partials, keys, universe, maxPartials, cores,
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("  partial: %,d bytes, %.1f bytes per key%n", bodies[0].length,
                bodies[0].length / (double) keys);

        // single-thread rates, for the projection (as ReducerScaling measures them)
        double[] rates = rates(job, bodies, keys);
        double decodeRate = rates[0];
        double mergeRate = rates[1];
        System.out.printf("  one thread: decode %,.0f keys/s, merge %,.0f keys/s%n", decodeRate, mergeRate);

        ExecutorService pool = Executors.newFixedThreadPool(PipelineSettings.DEFAULT_REDUCER_READ_CONCURRENCY);
        PipelineSettings settings = new PipelineSettings("in", "work", "out", 100, 120, 64L << 20, 10_000, 3,
                PipelineSettings.DEFAULT_REDUCER_READ_CONCURRENCY, new FunctionMemory(1024, 1024, 1024),
                Limits.defaults()).withReducerMaxPartials(maxPartials);
        Store blobs = new Store(bodies, partials);
        Reducer reducer = new Reducer(blobs, jobs, settings, Clock.systemUTC(), pool);

        SplitPlan direct = plan(partials, null);
        Run baseline = measure(() -> reducer.reduce(direct));
        byte[] directResult = blobs.result;
        System.out.printf("  direct reduce (baseline): %.1f s, peak heap %,d MiB, result %,d bytes%n",
                baseline.seconds(), baseline.peakHeap() >> 20, directResult.length);

        CombinePlan groups = CombinePlan.of(partials, maxPartials);
        if (groups == null) {
            throw new IllegalArgumentException(partials + " partials need no combine level at " + maxPartials);
        }
        SplitPlan combined = plan(partials, groups);
        List<Run> tasks = new ArrayList<>();
        for (int g = 0; g < groups.groups(); g++) {
            int group = g;
            tasks.add(measure(() -> reducer.combine(combined, group)));
        }
        Run finalReduce = measure(() -> reducer.reduce(combined));
        pool.shutdownNow();
        double combineTotal = tasks.stream().mapToDouble(Run::seconds).sum();
        double combineMax = tasks.stream().mapToDouble(Run::seconds).max().orElse(0);
        long combinePeak = tasks.stream().mapToLong(Run::peakHeap).max().orElse(0);
        int combinedBytes = blobs.combinedBytes();
        int combinedKeys = ((Map<String, Long>) job.decode(blobs.combined.get(Keys.combined(JOB, 0)))).size();
        System.out.printf("  combine level: %d groups of %,d; per task %.1f s (max %.1f s, all %.1f s; %,.0f keys/s), "
                        + "peak heap %,d MiB; combined partial %,d keys, %,d bytes%n", groups.groups(),
                groups.groupSize(), combineTotal / tasks.size(), combineMax, combineTotal,
                (double) partials * keys / combineTotal, combinePeak >> 20, combinedKeys,
                combinedBytes / groups.groups());
        System.out.printf("  final reduce of %d combined partials: %.1f s, peak heap %,d MiB%n", groups.groups(),
                finalReduce.seconds(), finalReduce.peakHeap() >> 20);
        boolean same = Arrays.equals(directResult, blobs.result);
        System.out.printf("  results: %s (%,d bytes); combine + final %.1f s vs direct %.1f s (%.2f x)%n",
                same ? "the same bytes" : "DIFFERENT", blobs.result.length, combineTotal + finalReduce.seconds(),
                baseline.seconds(), (combineTotal + finalReduce.seconds()) / baseline.seconds());
        if (!same) {
            throw new IllegalStateException("the combine level changed the result");
        }
        project(keys, bodies[0].length, decodeRate, mergeRate, combinedKeys, combinePeak, finalReduce.peakHeap());
    }

    /** What a job of 100,000 chunks of {@code keys} keys takes on AWS, at the deployed reducer. */
    private static void project(int keys, int partialBytes, double decodeRate, double mergeRate, int distinctKeys,
                                long combinePeak, long finalPeak) {
        Deployment deployment = Deployment.of(DeploymentSettings.defaults());
        int memoryMb = deployment.function(PipelineFunction.REDUCER).memoryMb();
        long timeout = deployment.function(PipelineFunction.REDUCER).timeout().getSeconds();
        int chunks = Limits.defaults().maxChunks();
        CombinePlan plan = CombinePlan.of(chunks, deployment.reducerMaxPartials());
        double vcpus = memoryMb / MB_PER_VCPU;
        System.out.printf("%nprojected on AWS: %,d chunks x %,d keys; reducer %,d MB (%.2f vCPU at 1,769 MB a vCPU), "
                        + "timeout %d s; REDUCER_MAX_PARTIALS %,d%n", chunks, keys, memoryMb, vcpus, timeout,
                deployment.reducerMaxPartials());
        System.out.printf("  assumptions: one vCPU there = one core here; %.0f MB/s from S3 per function, not "
                + "overlapped with decoding; the job's distinct keys as here (%,d)%n", ASSUMED_S3_MB_PER_SECOND,
                distinctKeys);
        double taskKeys = (double) plan.groupSize() * keys;
        double taskCpu = cpuSeconds(taskKeys, decodeRate, mergeRate, vcpus);
        double taskS3 = plan.groupSize() * (double) partialBytes / 1e6 / ASSUMED_S3_MB_PER_SECOND;
        System.out.printf("  combine level: %d tasks of %,d partials (%.0f M keys, %.2f GB from S3): %.0f s compute + "
                        + "%.0f s reading = %.0f s each (%.0f %% of %d s), heap about %,d MiB (measured here) of "
                        + "%,d MB%n", plan.groups(), plan.groupSize(), taskKeys / 1e6,
                plan.groupSize() * (double) partialBytes / 1e9, taskCpu, taskS3, taskCpu + taskS3,
                100 * (taskCpu + taskS3) / timeout, timeout, combinePeak >> 20, memoryMb);
        double finalKeys = (double) plan.groups() * distinctKeys;
        double finalCpu = cpuSeconds(finalKeys, decodeRate, mergeRate, vcpus);
        double finalS3 = finalKeys * partialBytes / keys / 1e6 / ASSUMED_S3_MB_PER_SECOND;
        System.out.printf("  final reduce: %d combined partials of %,d keys: %.1f s, heap about %,d MiB (measured "
                + "here) of %,d MB%n", plan.groups(), distinctKeys, finalCpu + finalS3, finalPeak >> 20, memoryMb);
        double budget = (double) timeout / Deployment.REDUCER_TIMEOUT_SHARE;
        double perKey = (1 / decodeRate + 1 / mergeRate) / Math.min(1, vcpus);
        System.out.printf("  the final reduce stays within %.0f s (a third of the timeout) up to %,.0f distinct keys "
                + "in the job's result (at the rates measured here)%n", budget, budget / perKey / plan.groups());
        double directCpu = cpuSeconds((double) chunks * keys, decodeRate, mergeRate, vcpus);
        double directS3 = chunks * (double) partialBytes / 1e6 / ASSUMED_S3_MB_PER_SECOND;
        System.out.printf("  without the combine level: one reduce of %,d partials: %.0f s (%.1f x the %d s timeout)%n",
                chunks, directCpu + directS3, (directCpu + directS3) / timeout, timeout);
    }

    /**
     * Decoding (on the read pool) and merging (on one thread) on {@code vcpus}: the merge alone on one core, or all
     * the work spread over the vCPUs, whichever is longer.
     */
    private static double cpuSeconds(double keys, double decodeRate, double mergeRate, double vcpus) {
        double all = keys / decodeRate + keys / mergeRate;
        return Math.max(keys / mergeRate, all / vcpus);
    }

    @SuppressWarnings("unchecked")
    private static double[] rates(Job<Object> job, byte[][] bodies, int keys) {
        long decodeNanos = 0;
        long mergeNanos = 0;
        Object total = job.newAccumulator();
        int rounds = 3;
        for (int round = 0; round < rounds; round++) {
            long t0 = System.nanoTime();
            Object[] decoded = new Object[bodies.length];
            for (int i = 0; i < bodies.length; i++) {
                decoded[i] = job.decode(bodies[i]);
            }
            long t1 = System.nanoTime();
            for (Object d : decoded) {
                total = job.merge(total, d);
            }
            decodeNanos += t1 - t0;
            mergeNanos += System.nanoTime() - t1;
        }
        double n = (double) rounds * bodies.length * keys;
        return new double[] {n / (decodeNanos / 1e9), n / (mergeNanos / 1e9)};
    }

    private static SplitPlan plan(int partials, CombinePlan combine) {
        return new SplitPlan(JOB, "wordcount", new ObjectLocation("in", "input"), new ObjectLocation("work", "manifest"),
                partials, 1, 100, 0, 120, 0, 0, null, combine);
    }

    private static Run measure(Runnable run) throws InterruptedException {
        gc();
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
        long t0 = System.nanoTime();
        run.run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Run(seconds, heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum());
    }

    private static void gc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
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

    /**
     * Partial i is pool body i mod 16; combined partials are kept as written; the result is kept, the summary not.
     * No chunk failed, so there are no failure records.
     */
    private static final class Store implements BlobStore {
        private final byte[][] bodies;
        private final int count;
        final Map<String, byte[]> combined = new ConcurrentHashMap<>();
        private final Map<String, Map<String, String>> combinedMetadata = new ConcurrentHashMap<>();
        volatile byte[] result;

        Store(byte[][] bodies, int count) {
            this.bodies = bodies;
            this.count = count;
        }

        int combinedBytes() {
            return combined.values().stream().mapToInt(b -> b.length).sum();
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
            String key = location.key();
            if (key.startsWith(Keys.combinedPrefix(JOB))) {
                byte[] body = combined.get(key);
                return body == null ? Optional.empty() : Optional.of(new Blob(body, combinedMetadata.get(key)));
            }
            return Optional.of(new Blob(bodies[Keys.indexOf(key) % bodies.length], Map.of()));
        }

        @Override
        public void put(ObjectLocation location, byte[] body, String contentType, Map<String, String> metadata) {
            String key = location.key();
            if (key.startsWith(Keys.combinedPrefix(JOB))) {
                combined.put(key, body);
                combinedMetadata.put(key, Map.copyOf(metadata));
            } else if (key.equals(Keys.result(JOB, "result.json"))) {
                result = body;
            }
        }

        @Override
        public List<ObjectInfo> list(String bucket, String prefix) {
            List<ObjectInfo> all = new ArrayList<>();
            if (prefix.equals(Keys.partialsPrefix(JOB))) {
                for (int i = 0; i < count; i++) {
                    all.add(new ObjectInfo(new ObjectLocation(bucket, Keys.partial(JOB, i)), 1, "etag"));
                }
            } else if (prefix.equals(Keys.combinedPrefix(JOB))) {
                combined.forEach((key, body) -> all.add(new ObjectInfo(new ObjectLocation(bucket, key), body.length,
                        "etag")));
            }
            return all;
        }
    }
}
