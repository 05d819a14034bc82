package dev.fanout.tests.jobs;

import dev.fanout.core.error.InvalidRequestException;
import dev.fanout.core.job.MapContext;
import java.util.Map;

/**
 * {@code slow-linecount}, a job of the tests only: counts lines, each chunk taking {@code millis} first (option),
 * so that a job's chunks hold the workers long enough for the event source mapping's ramp-up to matter.
 */
public final class SlowLineCount extends LineCount {
    @Override
    public String name() {
        return "slow-linecount";
    }

    @Override
    public Map<String, String> validateOptions(Map<String, String> options) {
        for (String key : options.keySet()) {
            if (!key.equals("millis")) {
                throw new InvalidRequestException("options." + key, "slow-linecount takes only millis");
            }
        }
        return options;
    }

    @Override
    void beforeCounting(MapContext context) {
        long millis = Long.parseLong(context.options().getOrDefault("millis", "0"));
        try {
            Thread.sleep(millis); // the work a real chunk would do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
