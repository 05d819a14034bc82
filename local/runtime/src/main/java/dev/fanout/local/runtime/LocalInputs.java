package dev.fanout.local.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The files of {@code fanout run FILE|DIR...} as objects in the local input bucket: the one place that puts local
 * files where the pipeline reads them (so that serving them in place instead can replace this class alone). One
 * regular file is one object ({@code input.s3Uri}); a directory (recursively, every regular file) or several
 * arguments are the objects under one prefix ({@code input.s3Prefix}), each keeping its path: a lone directory's
 * files their path relative to it, several arguments' files their name, or a directory's name and the path within
 * it. Small files go up a few at a time; big ones stream as multipart uploads ({@link Uploads}).
 *
 * <pre>{@code
 * LocalInputs.Plan plan = LocalInputs.plan(List.of(Path.of("logs")));   // checks, before anything starts
 * LocalInputs.Staged staged = LocalInputs.stage(runtime.s3(), runtime.inputBucket(), "uploads/x/", plan, n -> {});
 * }</pre>
 */
public final class LocalInputs {
    private static final int PARALLEL_FILES = 8;

    private LocalInputs() {
    }

    /** One file and the key (below the staging prefix) it goes to. */
    public record Entry(Path file, String key, long size) {
    }

    /**
     * The files to stage and their keys.
     *
     * @param single whether the input is one regular file given alone (an s3Uri); else a prefix
     */
    public record Plan(List<Entry> entries, boolean single) {
        public Plan {
            entries = List.copyOf(entries);
        }

        public long bytes() {
            long n = 0;
            for (Entry e : entries) {
                n += e.size();
            }
            return n;
        }
    }

    /**
     * Where the input went: the object's or the prefix's URI.
     *
     * @param prefix true for {@code input.s3Prefix}, false for {@code input.s3Uri}
     */
    public record Staged(String uri, boolean prefix, int objects, long bytes) {
    }

    /** A path that cannot be an input (missing, unreadable, neither a file nor a directory, a name twice). */
    public static final class UnusableInput extends RuntimeException {
        UnusableInput(String message) {
            super(message);
        }
    }

    /** Checks the arguments and lists the files, without reading them. */
    public static Plan plan(List<Path> arguments) {
        if (arguments.isEmpty()) {
            throw new UnusableInput("no input given");
        }
        for (Path p : arguments) {
            if (!Files.exists(p)) {
                throw new UnusableInput("no such file: " + p);
            }
            if (!Files.isReadable(p)) {
                throw new UnusableInput("cannot read " + p + ": permission denied");
            }
            if (!Files.isRegularFile(p) && !Files.isDirectory(p)) {
                throw new UnusableInput(p + " is neither a regular file nor a directory");
            }
        }
        if (arguments.size() == 1 && Files.isRegularFile(arguments.getFirst())) {
            Path file = arguments.getFirst();
            return new Plan(List.of(new Entry(file, file.getFileName().toString(), size(file))), true);
        }
        List<Entry> entries = new ArrayList<>();
        Map<String, Path> byKey = new HashMap<>();
        boolean loneDirectory = arguments.size() == 1;
        for (Path argument : arguments) {
            if (Files.isRegularFile(argument)) {
                add(entries, byKey, argument, argument.getFileName().toString());
                continue;
            }
            String base = loneDirectory ? "" : name(argument) + "/";
            for (Path file : regularFiles(argument)) {
                add(entries, byKey, file, base + relativeKey(argument, file));
            }
        }
        if (entries.isEmpty()) {
            throw new UnusableInput("no regular file in " + (loneDirectory ? arguments.getFirst() : arguments));
        }
        entries.sort((a, b) -> a.key().compareTo(b.key()));
        return new Plan(entries, false);
    }

    private static void add(List<Entry> entries, Map<String, Path> byKey, Path file, String key) {
        Path other = byKey.putIfAbsent(key, file);
        if (other != null) {
            throw new UnusableInput(other + " and " + file + " would both be " + key
                    + "; give their directory instead, or rename one");
        }
        entries.add(new Entry(file, key, size(file)));
    }

    /** Every regular file under {@code dir}, following no directory link. */
    private static List<Path> regularFiles(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new UnusableInput("cannot list " + dir + ": " + e.getMessage());
        }
    }

    private static String relativeKey(Path dir, Path file) {
        List<String> parts = new ArrayList<>();
        for (Path part : dir.relativize(file)) {
            parts.add(part.toString());
        }
        return String.join("/", parts);
    }

    private static String name(Path dir) {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return name == null ? "root" : name.toString();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UnusableInput("cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * Uploads the plan's files under {@code prefix} (ending in {@code /}) of {@code bucket}.
     *
     * @param progress called with the bytes sent so far
     */
    public static Staged stage(S3Client s3, String bucket, String prefix, Plan plan, LongConsumer progress) {
        Objects.requireNonNull(prefix, "prefix");
        AtomicLong sent = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(plan.entries().size() == 1 ? 1 : PARALLEL_FILES, r -> {
            Thread t = new Thread(r, "stage-input");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> uploads = new ArrayList<>(plan.entries().size());
            for (Entry e : plan.entries()) {
                uploads.add(pool.submit(() -> {
                    long before = sent.get();
                    long[] last = {0};
                    Uploads.upload(s3, bucket, prefix + e.key(), e.file(), n -> {
                        progress.accept(sent.addAndGet(n - last[0]));
                        last[0] = n;
                    });
                    return before;
                }));
            }
            for (Future<?> f : uploads) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("staging the input was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("staging the input failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        String uri = "s3://" + bucket + "/" + prefix + (plan.single() ? plan.entries().getFirst().key() : "");
        return new Staged(uri, !plan.single(), plan.entries().size(), plan.bytes());
    }

    /** The keys of a plan, for tests and messages. */
    public static List<String> keys(Plan plan) {
        List<String> keys = new ArrayList<>();
        plan.entries().forEach(e -> keys.add(e.key()));
        return Collections.unmodifiableList(keys);
    }
}
