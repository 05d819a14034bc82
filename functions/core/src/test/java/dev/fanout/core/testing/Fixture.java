package dev.fanout.core.testing;

import dev.fanout.core.cost.FunctionMemory;
import dev.fanout.core.job.JobRegistry;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.Chunk;
import dev.fanout.core.model.JobRequest;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.model.SplitPlan;
import dev.fanout.core.pipeline.Delivery;
import dev.fanout.core.pipeline.Limits;
import dev.fanout.core.pipeline.PipelineSettings;
import dev.fanout.core.pipeline.ReduceResult;
import dev.fanout.core.pipeline.Reducer;
import dev.fanout.core.pipeline.Splitter;
import dev.fanout.core.pipeline.WorkMessage;
import dev.fanout.core.pipeline.Worker;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** One pipeline over in-memory fakes: buckets "in", "work" and "out". Close it to stop the read pool. */
public final class Fixture implements AutoCloseable {
    public static final String IN = "in";
    public static final String WORK = "work";
    public static final String OUT = "out";

    public final InMemoryBlobStore blobs = new InMemoryBlobStore();
    public final RecordingCallbacks callbacks = new RecordingCallbacks();
    public final ManualScheduler scheduler = new ManualScheduler();
    public final RecordingQueue queue = new RecordingQueue();
    /** Backoffs draw their longest delay. */
    public final FixedJitter jitter = new FixedJitter(1.0);
    /** The invocation's time left, as the worker sees it; a test may run it down to 0. */
    public final java.util.concurrent.atomic.AtomicLong remainingMillis = new java.util.concurrent.atomic.AtomicLong(
            60_000);
    public final JobRegistry jobs = JobRegistry.load();
    public final Clock clock = Clock.fixed(Instant.parse("2026-11-27T06:00:00Z"), ZoneOffset.UTC);
    public final PipelineSettings settings;
    public final ExecutorService readPool = Executors.newFixedThreadPool(8);

    public Fixture() {
        this(3);
    }

    public Fixture(int reducerReadConcurrency) {
        this(new PipelineSettings(IN, WORK, OUT, 10, 30, 64 << 10, 1000, 3, reducerReadConcurrency, new FunctionMemory(1024, 2048, 2048),
                new Limits(100, 4096, 1, 1L << 30, 1000, 1000)));
    }

    public Fixture(PipelineSettings settings) {
        this.settings = settings;
    }

    public Splitter splitter() {
        return new Splitter(blobs, jobs, settings, clock);
    }

    public Worker worker() {
        return new Worker(new Worker.Ports(blobs, callbacks, queue), jobs, settings,
                new Worker.Services(clock, scheduler, Runnable::run, jitter));
    }

    public Reducer reducer() {
        return reducer(readPool);
    }

    public Reducer reducer(ExecutorService pool) {
        return new Reducer(blobs, jobs, settings, clock, pool);
    }

    public static ObjectLocation in(String key) {
        return new ObjectLocation(IN, key);
    }

    public static JobRequest request(String jobId, String jobType, String key, Long chunkSizeBytes,
                                     Integer chunkSizeItems, Map<String, String> options) {
        return new JobRequest(jobId, jobType, in(key), chunkSizeBytes, chunkSizeItems, null, 0, options);
    }

    public List<Chunk> manifest(SplitPlan plan) {
        return List.of(Json.read(blobs.get(plan.manifest()).orElseThrow().body(), Chunk[].class));
    }

    public static String message(Chunk chunk) {
        return Json.write(new WorkMessage("token-" + chunk.index(), chunk));
    }

    /** The chunk's message as SQS delivers it the {@code receiveCount}-th time. */
    public static Delivery delivery(Chunk chunk, int receiveCount) {
        return new Delivery("message-" + chunk.index(), "receipt-" + chunk.index() + "-" + receiveCount,
                message(chunk), receiveCount);
    }

    /** One delivery of the chunk's message through a worker. */
    public Worker.Outcome process(Chunk chunk, int receiveCount) {
        return worker().process(delivery(chunk, receiveCount), remainingMillis::get);
    }

    /** One delivery of any body through a worker. */
    public Worker.Outcome process(String body, int receiveCount) {
        return worker().process(new Delivery("message", "receipt", body, receiveCount), remainingMillis::get);
    }

    /** Split, run every chunk once, reduce. */
    public ReduceResult run(JobRequest request) {
        SplitPlan plan = splitter().split(request);
        for (Chunk chunk : manifest(plan)) {
            process(chunk, 1);
        }
        return reducer().reduce(plan);
    }

    @Override
    public void close() {
        readPool.shutdownNow();
    }
}
