package dev.fanout.lambda.internal;

import dev.fanout.core.cost.FunctionMemory;
import dev.fanout.core.job.JobRegistry;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.Chunk;
import dev.fanout.core.model.JobRequest;
import dev.fanout.core.model.ObjectInfo;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.model.SplitPlan;
import dev.fanout.core.pipeline.Delivery;
import dev.fanout.core.pipeline.Limits;
import dev.fanout.core.pipeline.PipelineSettings;
import dev.fanout.core.pipeline.Reducer;
import dev.fanout.core.pipeline.Splitter;
import dev.fanout.core.pipeline.WorkMessage;
import dev.fanout.core.pipeline.Worker;
import dev.fanout.core.port.BlobStore;
import dev.fanout.core.port.TaskCallbacks;
import dev.fanout.core.port.WorkQueue;
import dev.fanout.lambda.aws.AwsClients;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.warmup.SdkWarmUp;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SnapStart priming hook: before Lambda snapshots an initialized function ({@code beforeCheckpoint}, the CRaC
 * API Lambda calls), it runs what the first request would otherwise pay for — class loading and JIT of Jackson,
 * the jobs, the readers and the pipeline, and of the SDK's request path — so restored functions start warm.
 *
 * <p>It calls AWS for nothing: the pipeline runs each built-in job once on a few bytes in memory (its own
 * in-memory store, no callbacks), and the SDK clients are built and warmed with the SDK's own
 * {@link SdkWarmUp}, which answers the service calls locally (its HTTP warm-up makes one unsigned, credential-free
 * request to an AWS endpoint; where that fails, nothing else does). Any failure is logged and ignored: priming
 * never stops a function from starting. Outside SnapStart (no checkpoint) the hook never runs.
 *
 * <pre>{@code
 * Priming.register(clients);     // in the Lambda entry point's constructor
 * }</pre>
 */
public final class Priming implements Resource {
    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);
    /** CRaC keeps weak references to resources: these keep the registered hooks alive. */
    private static final List<Priming> REGISTERED = new CopyOnWriteArrayList<>();

    private final AwsClients clients;

    private Priming(AwsClients clients) {
        this.clients = clients;
    }

    /** Registers a hook that primes before the snapshot, with the function's own clients. */
    public static Priming register(AwsClients clients) {
        Priming priming = new Priming(clients);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /**
     * What a checkpoint does to these hooks: primes every registered one, returning the milliseconds it took. For
     * measuring the hook outside SnapStart (the init-time benchmark); Lambda calls {@link #beforeCheckpoint}.
     */
    public static long primeRegistered() {
        long started = System.nanoTime();
        REGISTERED.forEach(Priming::prime);
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to refresh: the SDK's credential providers fetch credentials on first use after a restore
    }

    /** Runs the warm-up; returns how long it took in milliseconds. Never throws. */
    public long prime() {
        long started = System.nanoTime();
        try {
            pipelineInMemory();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("priming the pipeline failed; the first request will be slower", e);
        }
        try {
            clients.s3();
            clients.sfn();
            SdkWarmUp.warmUp(S3Client.class, SfnClient.class);
            if (clients.hasSqs()) {
                // the worker's client (ChangeMessageVisibility, SendMessage to the dead-letter queue), built with
                // its wiring at init; the other functions hold none
                SdkWarmUp.warmUp(SqsClient.class);
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("priming the SDK clients failed; the first request will be slower", e);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.info("primed in {} ms", millis);
        return millis;
    }

    /** Each built-in job once, split, mapped and reduced, on a few bytes in memory. */
    private static void pipelineInMemory() {
        JobRegistry jobs = JobRegistry.load();
        PipelineSettings settings = new PipelineSettings("in", "work", "out", 10, 120, 1024, 2, 3, 2, new FunctionMemory(1024, 1024, 1024),
                Limits.defaults());
        MemoryBlobStore blobs = new MemoryBlobStore();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Splitter splitter = new Splitter(blobs, jobs, settings, Clock.systemUTC());
            Worker worker = new Worker(new Worker.Ports(blobs, new NoCallbacks(), new NoQueue()), jobs, settings,
                    new Worker.Services(Clock.systemUTC(), timer, pool, new SplittableRandom(1)));
            Reducer reducer = new Reducer(blobs, jobs, settings, Clock.systemUTC(), pool);
            run(blobs, splitter, worker, reducer, "wordcount", "priming.txt",
                    "The quick brown fox, naïve Über café\njumps over the lazy dog 42\n".repeat(40), Map.of());
            run(blobs, splitter, worker, reducer, "csv-aggregate", "priming.csv",
                    "city,amount\n" + "oslo,1.5\n\"bergen, west\",2\n".repeat(60), Map.of("group-by", "city",
                            "value", "amount"));
            run(blobs, splitter, worker, reducer, "double", "priming.json", "[1,2.5,-3,12345678901234567890]",
                    Map.of());
            run(blobs, splitter, worker, reducer, "jsonl-aggregate", "priming.jsonl",
                    "{\"city\":\"oslo\",\"amount\":1.5}\n{\"city\":7,\"amount\":-2,\"x\":[1,{}]}\n".repeat(60),
                    Map.of("group-by", "city", "value", "amount"));
            run(blobs, splitter, worker, reducer, "grep", "priming.log",
                    "INFO start\nERROR naïve failure 42\n".repeat(60), Map.of("pattern", "ERROR|WARN"));
        } finally {
            timer.shutdownNow();
            pool.shutdownNow();
        }
    }

    private static void run(MemoryBlobStore blobs, Splitter splitter, Worker worker, Reducer reducer, String type,
                            String key, String input, Map<String, String> options) {
        blobs.put(new ObjectLocation("in", key), input.getBytes(StandardCharsets.UTF_8), "text/plain", Map.of());
        SplitPlan plan = splitter.split(new JobRequest("priming-" + type, type, new ObjectLocation("in", key), 1024L,
                2, null, 0, options));
        for (Chunk chunk : Json.read(blobs.get(plan.manifest()).orElseThrow().body(), Chunk[].class)) {
            worker.process(new Delivery("priming-" + chunk.index(), "priming", Json.write(new WorkMessage("priming",
                    chunk)), 1), () -> Long.MAX_VALUE);
        }
        reducer.reduce(plan);
    }

    private static final class NoCallbacks implements TaskCallbacks {
        @Override
        public void succeed(String taskToken, String outputJson) {
        }

        @Override
        public void fail(String taskToken, String error, String cause) {
        }

        @Override
        public void heartbeat(String taskToken) {
        }
    }

    private static final class NoQueue implements WorkQueue {
        @Override
        public void redeliverAfter(String receiptHandle, Duration delay) {
        }

        @Override
        public void deadLetter(String body, Map<String, String> attributes) {
        }
    }

    /** Just enough of a store for the in-memory run. */
    private static final class MemoryBlobStore implements BlobStore {
        private final ConcurrentSkipListMap<String, Blob> objects = new ConcurrentSkipListMap<>();

        @Override
        public Optional<ObjectInfo> head(ObjectLocation location) {
            return get(location).map(b -> new ObjectInfo(location, b.body().length, "etag"));
        }

        @Override
        public InputStream openRange(ObjectLocation location, long start, long endExclusive, String ifMatchEtag) {
            byte[] body = get(location).orElseThrow().body();
            int to = (int) Math.min(endExclusive, body.length);
            return new ByteArrayInputStream(body, (int) start, to - (int) start);
        }

        @Override
        public Optional<Blob> get(ObjectLocation location) {
            return Optional.ofNullable(objects.get(location.bucket() + "/" + location.key()));
        }

        @Override
        public void put(ObjectLocation location, byte[] body, String contentType, Map<String, String> metadata) {
            objects.put(location.bucket() + "/" + location.key(), new Blob(body, metadata));
        }

        @Override
        public List<ObjectInfo> list(String bucket, String prefix) {
            List<ObjectInfo> found = new ArrayList<>();
            objects.tailMap(bucket + "/" + prefix).forEach((name, blob) -> {
                if (name.startsWith(bucket + "/" + prefix)) {
                    found.add(new ObjectInfo(new ObjectLocation(bucket, name.substring(bucket.length() + 1)),
                            blob.body().length, "etag"));
                }
            });
            return found;
        }
    }
}
