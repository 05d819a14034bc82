package dev.fanout.tests.jobs;

import dev.fanout.core.error.InvalidRequestException;
import dev.fanout.core.job.MapContext;
import java.util.Arrays;
import java.util.Map;

/**
 * {@code dying-linecount}, a job of the tests only: counts lines, but the worker of each chunk listed in the option
 * {@code die-on} (comma-separated indices) dies on every attempt, silently, as an out-of-memory worker does: no
 * callback, no failure record.
 */
public final class DyingLineCount extends LineCount {
    /** What kills the worker: an Error, which no one catches. */
    public static final class WorkerDied extends Error {
        WorkerDied(String message) {
            super(message);
        }
    }

    @Override
    public String name() {
        return "dying-linecount";
    }

    @Override
    public Map<String, String> validateOptions(Map<String, String> options) {
        for (String key : options.keySet()) {
            if (!key.equals("die-on")) {
                throw new InvalidRequestException("options." + key, "dying-linecount takes only die-on");
            }
        }
        return options;
    }

    @Override
    void beforeCounting(MapContext context) {
        String dieOn = context.options().getOrDefault("die-on", "");
        if (Arrays.stream(dieOn.split(",")).map(String::trim).anyMatch(i -> i.equals(
                Integer.toString(context.chunkIndex())))) {
            throw new WorkerDied("the worker of chunk " + context.chunkIndex() + " ran out of memory");
        }
    }
}
