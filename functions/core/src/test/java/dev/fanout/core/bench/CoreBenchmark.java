package dev.fanout.core.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.fanout.core.chunk.ByteRange;
import dev.fanout.core.chunk.JsonArrayPlanner;
import dev.fanout.core.chunk.RangedObjectStream;
import dev.fanout.core.chunk.TextChunkPlanner;
import dev.fanout.core.chunk.TextRangeReader;
import dev.fanout.core.cost.FunctionMemory;
import dev.fanout.core.job.InputRecord;
import dev.fanout.core.jobs.WordCountJob;
import dev.fanout.core.model.ObjectInfo;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.model.SplitPlan;
import dev.fanout.core.pipeline.Limits;
import dev.fanout.core.pipeline.PipelineSettings;
import dev.fanout.core.pipeline.Splitter;
import dev.fanout.core.testing.Fixture;
import dev.fanout.core.testing.InMemoryBlobStore;
import dev.fanout.core.testing.TestContext;
import dev.fanout.core.port.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Prints throughput numbers for the core's hot paths. Not a test: run it by hand, e.g.
 * {@code java -cp target/classes:target/test-classes:<jackson jars> dev.fanout.core.bench.CoreBenchmark}.
 */
public final class CoreBenchmark {
    private static final ObjectLocation TEXT = new ObjectLocation("in", "bench.txt");

    public static void main(String[] args) throws IOException {
        byte[] text = text(64 << 20);
        for (int round = 0; round < 3; round++) {
            System.out.println("round " + (round + 1));
            readLines(text);
            wordCount(text);
            scanJson();
            planHugeObject();
        }
    }

    private static byte[] text(int size) {
        String[] words = {"the", "whale", "Ishmael", "sea", "ship", "Ahab", "über", "naïve", "42", "captain"};
        Random random = new Random(1);
        StringBuilder out = new StringBuilder(size + 100);
        while (out.length() < size) {
            for (int w = 1 + random.nextInt(12); w > 0; w--) {
                out.append(words[random.nextInt(words.length)]).append(random.nextInt(5) == 0 ? ", " : " ");
            }
            out.append('\n');
        }
        return out.toString().getBytes(UTF_8);
    }

    private static void readLines(byte[] text) throws IOException {
        InMemoryBlobStore blobs = new InMemoryBlobStore();
        blobs.put(TEXT, text, "text/plain", Map.of());
        long start = System.nanoTime();
        long lines = 0;
        for (ByteRange r : TextChunkPlanner.plan(0, text.length, 8 << 20)) {
            try (InputStream in = new RangedObjectStream(blobs, TEXT, null, TextRangeReader.readFrom(r.start()), r.end(),
                    text.length)) {
                for (Iterator<InputRecord> it = new TextRangeReader(in, r.start(), r.end()); it.hasNext(); it.next()) {
                    lines++;
                }
            }
        }
        report("read lines (8 MiB chunks)", text.length, start, lines + " lines");
    }

    private static void wordCount(byte[] text) {
        List<InputRecord> records = new ArrayList<>();
        new TextRangeReader(new ByteArrayInputStream(text), 0, text.length).forEachRemaining(records::add);
        long start = System.nanoTime();
        Map<String, Long> counts = new WordCountJob().map(new TestContext(0, Map.of(), null), records.iterator());
        report("wordcount map (decoded lines)", text.length, start, counts.size() + " distinct words");
    }

    private static void scanJson() {
        StringBuilder json = new StringBuilder("[");
        Random random = new Random(2);
        for (int i = 0; i < 3_000_000; i++) {
            json.append(i == 0 ? "" : ",").append(random.nextInt(1_000_000)).append(i % 3 == 0 ? ".25" : "");
        }
        byte[] bytes = json.append(']').toString().getBytes(UTF_8);
        long start = System.nanoTime();
        List<ByteRange> ranges = JsonArrayPlanner.plan(new ByteArrayInputStream(bytes), bytes.length, 10_000, 100_000);
        report("JSON array scan (3M numbers)", bytes.length, start, ranges.size() + " chunks");
    }

    private static void planHugeObject() {
        long size = 500L << 30;
        BlobStore headOnly = new HugeObjects(size);
        PipelineSettings settings = new PipelineSettings("in", "work", "out", 1000, 120, 64L << 20, 10_000, 3, 32,
                new FunctionMemory(1024, 1024, 1024),
                Limits.defaults());
        long start = System.nanoTime();
        SplitPlan plan = new Splitter(headOnly, dev.fanout.core.job.JobRegistry.load(), settings,
                java.time.Clock.systemUTC()).split(Fixture.request("bench", "wordcount", "huge.txt", 8L << 20, null,
                Map.of()));
        double ms = (System.nanoTime() - start) / 1e6;
        System.out.printf("  plan a 500 GiB text object into %,d chunks (8 MiB): %.0f ms%n", plan.chunks(), ms);
    }

    /** Every object is {@code size} bytes long; only HEAD and PUT work. */
    private record HugeObjects(long size) implements BlobStore {
        @Override
        public Optional<ObjectInfo> head(ObjectLocation location) {
            return Optional.of(new ObjectInfo(location, size, "\"etag\""));
        }

        @Override
        public InputStream openRange(ObjectLocation location, long start, long endExclusive, String ifMatchEtag) {
            throw new UnsupportedOperationException("planning must not read");
        }

        @Override
        public Optional<Blob> get(ObjectLocation location) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void put(ObjectLocation location, byte[] body, String contentType, Map<String, String> metadata) {
            System.out.printf("  (manifest of %,d bytes)%n", body.length);
        }

        @Override
        public List<ObjectInfo> list(String bucket, String prefix) {
            throw new UnsupportedOperationException();
        }
    }

    private static void report(String what, long bytes, long startNanos, String detail) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("  %-32s %8.1f MB/s  (%,d bytes in %.2f s, %s)%n", what, bytes / seconds / 1e6, bytes,
                seconds, detail);
    }
}
