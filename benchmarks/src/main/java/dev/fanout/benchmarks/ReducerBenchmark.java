package dev.fanout.benchmarks;

import dev.fanout.core.cost.FunctionMemory;
import dev.fanout.core.job.Job;
import dev.fanout.core.job.JobRegistry;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.model.SplitPlan;
import dev.fanout.core.pipeline.Keys;
import dev.fanout.core.pipeline.Limits;
import dev.fanout.core.pipeline.PipelineSettings;
import dev.fanout.core.pipeline.ReduceResult;
import dev.fanout.core.pipeline.Reducer;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The reducer's hot paths over synthetic partials of {@link #KEYS} distinct keys: {@code decode} one partial,
 * {@code combine} two, and {@code reduce} a whole job of {@link #PARTIALS} partials through {@link Reducer#reduce}
 * (list, read, decode, combine, write the result and the summary) from an in-memory store.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ReducerBenchmark {
    static final int KEYS = 50_000;
    static final int UNIVERSE = 100_000;
    static final int PARTIALS = 32;

    @Param({"wordcount", "csv-aggregate"})
    public String job;

    private Job<Object> theJob;
    private byte[] encoded;
    private Object left;
    private Object right;
    private Reducer reducer;
    private SplitPlan plan;
    private ExecutorService pool;

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setUp() {
        JobRegistry jobs = JobRegistry.load();
        theJob = (Job<Object>) jobs.require(job);
        MemoryBlobStore blobs = new MemoryBlobStore();
        for (int i = 0; i < PARTIALS; i++) {
            blobs.put(new ObjectLocation("work", Keys.partial("bench", i)), theJob.encode(partial(i)),
                    "application/octet-stream", Map.of());
        }
        encoded = blobs.body(new ObjectLocation("work", Keys.partial("bench", 0)));
        left = theJob.decode(encoded);
        right = theJob.decode(blobs.body(new ObjectLocation("work", Keys.partial("bench", 1))));
        pool = Executors.newFixedThreadPool(8);
        PipelineSettings settings = new PipelineSettings("in", "work", "out", 100, 120, 64L << 20, 10_000, 3, 8,
                new FunctionMemory(1024, 1024, 1024), Limits.defaults());
        reducer = new Reducer(blobs, jobs, settings, Clock.systemUTC(), pool);
        plan = new SplitPlan("bench", job, new ObjectLocation("in", "input"), new ObjectLocation("work", "manifest"),
                PARTIALS, 1, 100, 0, 120, 0, 0);
    }

    private Object partial(int i) {
        return job.equals("wordcount") ? Partials.counts(KEYS, UNIVERSE, i) : Partials.stats(KEYS, UNIVERSE, i);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdownNow();
        System.out.printf("%n  %s partial: %,d bytes for %,d keys (%.1f bytes per key)%n", job, encoded.length, KEYS,
                encoded.length / (double) KEYS);
    }

    @Benchmark
    public Object decode() {
        return theJob.decode(encoded);
    }

    @Benchmark
    public Object combine() {
        return theJob.combine(left, right);
    }

    @Benchmark
    public ReduceResult reduce() {
        return reducer.reduce(plan);
    }
}
