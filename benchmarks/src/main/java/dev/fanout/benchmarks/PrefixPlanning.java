package dev.fanout.benchmarks;

import dev.fanout.core.cost.FunctionMemory;
import dev.fanout.core.job.JobRegistry;
import dev.fanout.core.model.JobRequest;
import dev.fanout.core.model.ObjectInfo;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.model.ObjectPrefix;
import dev.fanout.core.model.SplitPlan;
import dev.fanout.core.pipeline.Limits;
import dev.fanout.core.pipeline.PipelineSettings;
import dev.fanout.core.pipeline.Splitter;
import dev.fanout.core.port.BlobStore;
import dev.fanout.core.port.ObjectOutput;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The splitter over a prefix of many objects, with a simulated listing: {@code N} objects generated as the planner
 * iterates (as ListObjectsV2 pages arrive), sizes of 1–64 KiB with every 10,000th object 256 MiB (split into byte
 * ranges, after a HEAD) and every 20th gzip-compressed; the manifest and the segment file are streamed into a store
 * that only counts their bytes. Prints the plan (objects, chunks, bytes written), wall time and peak heap, against a
 * baseline of iterating the same listing without planning.
 *
 * <pre>{@code
 * java -Xmx1024m -cp ... dev.fanout.benchmarks.PrefixPlanning 1000000
 * }</pre>
 */
public final class PrefixPlanning {
    private static final long KIB = 1024;

    private PrefixPlanning() {
    }

    public static void main(String[] args) throws Exception {
        int objects = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long chunkSize = args.length > 1 ? Long.parseLong(args[1]) : 64L << 20;
        System.out.printf("prefix planning: %,d simulated objects, chunks of %,d bytes, %d cores, max heap %,d MiB%n",
                objects, chunkSize, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

        SimulatedPrefix store = new SimulatedPrefix(objects);
        gc();
        resetPeaks();
        long before = usedHeap();
        long t0 = System.nanoTime();
        long listedBytes = 0;
        for (ObjectInfo info : store.listing("in", "logs/")) {
            listedBytes += info.size();
        }
        double listSeconds = (System.nanoTime() - t0) / 1e9;
        long listPeak = peakHeap();
        System.out.printf("  baseline, the listing alone: %.2f s, peak heap %,d MiB (%,d MiB before), %,d bytes listed%n",
                listSeconds, listPeak >> 20, before >> 20, listedBytes);

        PipelineSettings settings = new PipelineSettings("in", "work", "out", 100, 139, 64L << 20, 10_000, 3, 32,
                new FunctionMemory(1024, 2048, 2048), Limits.defaults());
        Splitter splitter = new Splitter(store, JobRegistry.load(), settings, Clock.systemUTC());
        JobRequest request = new JobRequest("bench", "wordcount", null, chunkSize, null, null, 0, Map.of(),
                new ObjectPrefix("in", "logs/"));
        gc();
        resetPeaks();
        before = usedHeap();
        t0 = System.nanoTime();
        SplitPlan plan = splitter.split(request);
        double planSeconds = (System.nanoTime() - t0) / 1e9;
        long planPeak = peakHeap();
        System.out.printf("  plan: %,d chunks, %,d bytes of input; manifest %,d bytes, segment file %,d bytes "
                        + "(%,d streamed writes, %,d HEADs)%n", plan.chunks(), plan.bytes(), store.written("manifest"),
                store.written("segments"), store.outputs.get(), store.heads.get());
        System.out.printf("  splitter: %.2f s, peak heap %,d MiB (%,d MiB before); ratio to the listing alone: "
                + "%.1fx time, %.1fx peak heap%n", planSeconds, planPeak >> 20, before >> 20,
                planSeconds / listSeconds, (double) planPeak / Math.max(1, listPeak));
        System.out.printf("  a chunk descriptor: %,d bytes on average (a Distributed Map item may hold 256 KiB)%n",
                store.written("manifest") / Math.max(1, plan.chunks()));
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

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks since the last reset. */
    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /** A prefix of generated objects; what is written to it is counted, not kept. */
    private static final class SimulatedPrefix implements BlobStore {
        private final int objects;
        private final AtomicLong manifestBytes = new AtomicLong();
        private final AtomicLong segmentBytes = new AtomicLong();
        final AtomicLong outputs = new AtomicLong();
        final AtomicLong heads = new AtomicLong();

        SimulatedPrefix(int objects) {
            this.objects = objects;
        }

        long written(String what) {
            return what.equals("manifest") ? manifestBytes.get() : segmentBytes.get();
        }

        static String key(int i) {
            return String.format("logs/2026/11/%02d/host-%04d/part-%07d.log%s", 1 + i % 28, i % 5_000, i,
                    i % 20 == 0 ? ".gz" : "");
        }

        static long size(int i) {
            return i % 10_000 == 9_999 ? 256L << 20 : KIB + (i * 2_654_435_761L & 0xffff_ffffL) % (63 * KIB);
        }

        @Override
        public Iterable<ObjectInfo> listing(String bucket, String prefix) {
            return () -> new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < objects;
                }

                @Override
                public ObjectInfo next() {
                    if (next >= objects) {
                        throw new NoSuchElementException();
                    }
                    int i = next++;
                    return new ObjectInfo(new ObjectLocation(bucket, key(i)), size(i), "etag-" + i);
                }
            };
        }

        @Override
        public Optional<ObjectInfo> head(ObjectLocation location) {
            heads.incrementAndGet();
            String key = location.key();
            int i = Integer.parseInt(key.substring(key.lastIndexOf("part-") + 5, key.lastIndexOf("part-") + 12));
            return Optional.of(new ObjectInfo(location, size(i), "etag-" + i));
        }

        @Override
        public ObjectOutput create(ObjectLocation location, String contentType, Map<String, String> metadata) {
            outputs.incrementAndGet();
            AtomicLong counter = location.key().endsWith("manifest.json") ? manifestBytes : segmentBytes;
            return new ObjectOutput() {
                private long size;

                @Override
                public void write(int b) {
                    size++;
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    size += len;
                }

                @Override
                public void commit() {
                    counter.addAndGet(size);
                }

                @Override
                public long size() {
                    return size;
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public List<ObjectInfo> list(String bucket, String prefix) {
            throw new UnsupportedOperationException("the planner streams the listing; it must not ask for all of it");
        }

        @Override
        public InputStream openRange(ObjectLocation location, long start, long endExclusive, String ifMatchEtag) {
            throw new UnsupportedOperationException("planning a text prefix reads no object");
        }

        @Override
        public Optional<Blob> get(ObjectLocation location) {
            throw new UnsupportedOperationException("planning reads no object");
        }

        @Override
        public void put(ObjectLocation location, byte[] body, String contentType, Map<String, String> metadata) {
            throw new UnsupportedOperationException("the splitter streams what it writes");
        }
    }
}
