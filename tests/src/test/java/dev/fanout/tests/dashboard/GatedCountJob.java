package dev.fanout.tests.dashboard;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;

import dev.fanout.core.error.InvalidRequestException;
import dev.fanout.core.error.MalformedRecordException;
import dev.fanout.core.job.InputFormat;
import dev.fanout.core.job.InputRecord;
import dev.fanout.core.job.Job;
import dev.fanout.core.job.MapContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A job for the dashboard's browser test, so that a test can watch chunks run: it counts the elements of a JSON
 * array ({@code {"items": N}}), and each chunk first waits until the test releases it — until a file named after
 * the chunk index, or {@code all}, exists in the folder of option {@code gate} — but never longer than option
 * {@code hold-millis}, so that no invocation reaches the worker's timeout. The chunk of option {@code fail-chunk}
 * fails at once as bad data.
 */
public final class GatedCountJob implements Job<Long> {
    public static final String NAME = "gated-count";
    /** Refused chunks fail with this message (after the pipeline's own "chunk i of n (...)" prefix). */
    public static final String REFUSAL = "refused by the test's job on purpose";
    private static final Set<String> OPTIONS = Set.of("gate", "hold-millis", "fail-chunk");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public InputFormat inputFormat() {
        return InputFormat.JSON_ARRAY;
    }

    @Override
    public Map<String, String> validateOptions(Map<String, String> options) {
        for (String name : options.keySet()) {
            if (!OPTIONS.contains(name)) {
                throw new InvalidRequestException("options." + name, "unknown option");
            }
        }
        if (!options.containsKey("gate") || !Path.of(options.get("gate")).isAbsolute()) {
            throw new InvalidRequestException("options.gate", "an absolute folder path is required");
        }
        if (!options.getOrDefault("hold-millis", "0").matches("\\d{1,6}")) {
            throw new InvalidRequestException("options.hold-millis", "must be a number of milliseconds");
        }
        if (!options.getOrDefault("fail-chunk", "0").matches("\\d{1,6}")) {
            throw new InvalidRequestException("options.fail-chunk", "must be a chunk index");
        }
        return options;
    }

    @Override
    public Long map(MapContext context, Iterator<InputRecord> records) {
        Map<String, String> options = context.options();
        if (options.containsKey("fail-chunk") && Integer.parseInt(options.get("fail-chunk")) == context.chunkIndex()) {
            long offset = records.hasNext() ? records.next().offset() : 0;
            throw new MalformedRecordException(offset, REFUSAL);
        }
        awaitRelease(Path.of(options.get("gate")), context.chunkIndex(),
                Duration.ofMillis(Long.parseLong(options.getOrDefault("hold-millis", "0"))));
        long n = 0;
        while (records.hasNext()) {
            records.next();
            n++;
        }
        return n;
    }

    /** Blocks on the folder's file events (no polling) until the chunk's file or {@code all} exists, or the hold ends. */
    private static void awaitRelease(Path gate, int index, Duration hold) {
        Path own = gate.resolve(Integer.toString(index));
        Path all = gate.resolve("all");
        long deadline = System.nanoTime() + hold.toNanos();
        try (WatchService watch = gate.getFileSystem().newWatchService()) {
            gate.register(watch, ENTRY_CREATE);
            while (!Files.exists(own) && !Files.exists(all)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                WatchKey key = watch.poll(left, TimeUnit.NANOSECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Long combine(Long left, Long right) {
        return left + right;
    }

    @Override
    public Long empty() {
        return 0L;
    }

    @Override
    public byte[] encode(Long partial) {
        return partial.toString().getBytes(UTF_8);
    }

    @Override
    public Long decode(byte[] bytes) {
        return Long.parseLong(new String(bytes, UTF_8));
    }

    @Override
    public void writeResult(Long result, OutputStream out) throws IOException {
        out.write(("{\"items\":" + result + "}").getBytes(UTF_8));
    }
}
