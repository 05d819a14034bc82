package dev.fanout.local.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The files of {@code fanout run FILE|DIR...} as objects in the local input bucket: the one place that decides where
 * local files appear to the pipeline. They are served in place, read-only ({@link LocalRuntime#serveInputFiles}):
 * never copied, whatever their size. One regular file is one object ({@code input.s3Uri}); a directory
 * (recursively, every regular file) or several arguments are the objects under one prefix ({@code input.s3Prefix}),
 * each keeping its path: a lone directory's files their path relative to it, several arguments' files their name,
 * or a directory's name and the path within it.
 *
 * <pre>{@code
 * LocalInputs.Plan plan = LocalInputs.plan(List.of(Path.of("logs")));   // checks, before anything starts
 * LocalInputs.Staged staged = LocalInputs.serve(runtime, "uploads/x/", plan);
 * }</pre>
 */
public final class LocalInputs {
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
     * Serves the plan's files in place as the objects under {@code prefix} (ending in {@code /}) of the runtime's
     * input bucket ({@link LocalRuntime#serveInputFiles}): nothing is read or copied, each object is its file,
     * read-only, for as long as the runtime runs.
     */
    public static Staged serve(LocalRuntime runtime, String prefix, Plan plan) {
        Objects.requireNonNull(prefix, "prefix");
        Map<String, Path> files = new LinkedHashMap<>();
        plan.entries().forEach(e -> files.put(e.key(), e.file()));
        runtime.serveInputFiles(prefix, files);
        String uri = "s3://" + runtime.inputBucket() + "/" + prefix
                + (plan.single() ? plan.entries().getFirst().key() : "");
        return new Staged(uri, !plan.single(), plan.entries().size(), plan.bytes());
    }

    /** The keys of a plan, for tests and messages. */
    public static List<String> keys(Plan plan) {
        List<String> keys = new ArrayList<>();
        plan.entries().forEach(e -> keys.add(e.key()));
        return Collections.unmodifiableList(keys);
    }
}
