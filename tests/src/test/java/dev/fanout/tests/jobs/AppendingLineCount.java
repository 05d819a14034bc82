package dev.fanout.tests.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.fanout.core.error.InvalidRequestException;
import dev.fanout.core.job.MapContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * {@code appending-linecount}, a job of the tests only: counts lines, but before counting chunk 0 it appends a line
 * to the local file named by the option {@code append-to} — the job's own input, served in place by
 * {@code fanout run} — as a user editing the file during a run would.
 */
public final class AppendingLineCount extends LineCount {
    @Override
    public String name() {
        return "appending-linecount";
    }

    @Override
    public Map<String, String> validateOptions(Map<String, String> options) {
        if (!options.keySet().equals(java.util.Set.of("append-to"))) {
            throw new InvalidRequestException("options", "appending-linecount takes append-to, and only it");
        }
        return options;
    }

    @Override
    void beforeCounting(MapContext context) {
        if (context.chunkIndex() != 0) {
            return;
        }
        try {
            Files.write(Path.of(context.options().get("append-to")), "one more line\n".getBytes(UTF_8),
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
