package dev.fanout.benchmarks;

import dev.fanout.core.cost.FunctionMemory;
import dev.fanout.core.chunk.HeaderLine;
import dev.fanout.core.chunk.JsonArrayRangeReader;
import dev.fanout.core.chunk.TextRangeCursor;
import dev.fanout.core.chunk.TextRangeReader;
import dev.fanout.core.job.InputFormat;
import dev.fanout.core.job.Job;
import dev.fanout.core.job.JobRegistry;
import dev.fanout.core.job.MapContext;
import dev.fanout.core.job.InputRecord;
import dev.fanout.core.job.RecordCursor;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.Chunk;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.pipeline.Delivery;
import dev.fanout.core.pipeline.Keys;
import dev.fanout.core.pipeline.Limits;
import dev.fanout.core.pipeline.PipelineSettings;
import dev.fanout.core.pipeline.WorkMessage;
import dev.fanout.core.pipeline.Worker;
import dev.fanout.core.port.TaskCallbacks;
import dev.fanout.core.port.WorkQueue;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
 * The worker's per-chunk path against the job's {@code map} alone. {@code chunk}: the whole path a Lambda runs for
 * one SQS message — parse the work message, ranged reads of the chunk from the (in-memory) store, line/element
 * alignment and records, the job's map, encode, store the partial, SendTaskSuccess (a no-op here). {@code mapAlone}:
 * the same job's map ({@code Job.map(MapContext, RecordCursor)}, what the pipeline calls) over the same chunk's
 * records already split and in memory — line slices of one array for text, decoded elements for JSON. The ratio
 * chunk / mapAlone is what the path adds to the job's own work (goal: at most 1.3).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class WorkerPathBenchmark {
    static final int CHUNK_BYTES = 4 << 20;
    private static final ObjectLocation INPUT = new ObjectLocation("in", "input");

    @Param({"wordcount", "csv-aggregate", "double"})
    public String job;

    private final MemoryBlobStore blobs = new MemoryBlobStore();
    private ScheduledExecutorService timer;
    private Worker worker;
    private String message;
    private Delivery delivery;
    private ObjectLocation partial;
    private Job<Object> theJob;
    private MapContext context;
    private List<InputRecord> elements;
    private byte[] lineBytes;
    private int[] lineStarts;
    private int[] lineLengths;
    private long[] lineOffsets;

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setUp() {
        JobRegistry jobs = JobRegistry.load();
        theJob = (Job<Object>) jobs.require(job);
        byte[] input = switch (job) {
            case "wordcount" -> Inputs.text(CHUNK_BYTES, 1);
            case "csv-aggregate" -> Inputs.csv(CHUNK_BYTES, 2);
            default -> Inputs.numbers(CHUNK_BYTES, 3);
        };
        blobs.put(INPUT, input, "application/octet-stream", Map.of());
        Map<String, String> options = job.equals("csv-aggregate")
                ? theJob.validateOptions(Map.of("group-by", "city", "value", "amount"))
                : Map.of();
        String header = null;
        long start = 0;
        long end = input.length;
        if (theJob.inputFormat() == InputFormat.TEXT_LINES_WITH_HEADER) {
            HeaderLine line = HeaderLine.read(new ByteArrayInputStream(input), input.length);
            header = line.text();
            start = line.dataStart();
        } else if (theJob.inputFormat() == InputFormat.JSON_ARRAY) {
            start = 1;              // after '[' , as the planner's first range starts at the first element
            // the last range ends at the object's end, closing bracket included
        }
        Chunk chunk = new Chunk("bench", job, 0, 1, INPUT, start, end, input.length, null, header, options);
        message = Json.write(new WorkMessage("token", chunk));
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heartbeat");
            t.setDaemon(true);
            return t;
        });
        PipelineSettings settings = new PipelineSettings("in", "work", "out", 100, 120, 64L << 20, 10_000, 3, 8,
                new FunctionMemory(1024, 1024, 1024), Limits.defaults());
        worker = new Worker(new Worker.Ports(blobs, new NoCallbacks(), new NoQueue()), jobs, settings,
                new Worker.Services(Clock.systemUTC(), timer, Runnable::run, new SplittableRandom(1)));
        delivery = new Delivery("m-0", "receipt", message, 1);
        partial = new ObjectLocation(settings.workBucket(), Keys.partial("bench", 0));

        if (theJob.inputFormat() == InputFormat.JSON_ARRAY) {
            elements = new ArrayList<>();
            new JsonArrayRangeReader(new ByteArrayInputStream(input, (int) start, (int) (end - start)), start)
                    .forEachRemaining(elements::add);
        } else {
            splitLines(input, start, end);
        }
        context = new Context(header, options);
        if (chunk().kind() != Worker.Kind.SUCCEEDED) {
            throw new IllegalStateException("the benchmark's chunk does not succeed");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        timer.shutdownNow();
    }

    @Benchmark
    public Worker.Outcome chunk() {
        blobs.remove(partial);      // else the worker answers from the stored partial without mapping again
        return worker.process(delivery, () -> Long.MAX_VALUE);
    }

    @Benchmark
    public Object mapAlone() {
        return theJob.map(context, elements != null ? RecordCursor.over(elements.iterator()) : new Lines());
    }

    /** The chunk's lines as slices of one array, with their offsets, as the reader found them. */
    private void splitLines(byte[] input, long start, long end) {
        int from = (int) TextRangeReader.readFrom(start);
        TextRangeCursor cursor = new TextRangeCursor(new ByteArrayInputStream(input, from, input.length - from),
                start, end);
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream(input.length);
        List<long[]> lines = new ArrayList<>();
        while (cursor.next()) {
            lines.add(new long[] {all.size(), cursor.length(), cursor.offset()});
            all.write(cursor.bytes(), cursor.start(), cursor.length());
        }
        lineBytes = all.toByteArray();
        lineStarts = lines.stream().mapToInt(l -> (int) l[0]).toArray();
        lineLengths = lines.stream().mapToInt(l -> (int) l[1]).toArray();
        lineOffsets = lines.stream().mapToLong(l -> l[2]).toArray();
    }

    /** A cursor over the pre-split lines: no reading, no line search, no UTF-8 check. */
    private final class Lines implements RecordCursor {
        private int i = -1;

        @Override
        public boolean next() {
            return ++i < lineStarts.length;
        }

        @Override
        public long offset() {
            return lineOffsets[i];
        }

        @Override
        public byte[] bytes() {
            return lineBytes;
        }

        @Override
        public int start() {
            return lineStarts[i];
        }

        @Override
        public int length() {
            return lineLengths[i];
        }
    }

    private record Context(String headerLine, Map<String, String> options) implements MapContext {
        @Override
        public int chunkIndex() {
            return 0;
        }

        @Override
        public Optional<String> header() {
            return Optional.ofNullable(headerLine);
        }

        @Override
        public void recordSkipped(long offset, String reason) {
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
}
