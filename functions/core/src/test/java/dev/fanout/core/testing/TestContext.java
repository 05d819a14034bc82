package dev.fanout.core.testing;

import dev.fanout.core.job.MapContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A MapContext that remembers skipped records. */
public final class TestContext implements MapContext {
    private final int chunkIndex;
    private final Map<String, String> options;
    private final String header;
    private final List<Long> skippedOffsets = new ArrayList<>();
    private final List<String> skipReasons = new ArrayList<>();

    public TestContext(int chunkIndex, Map<String, String> options, String header) {
        this.chunkIndex = chunkIndex;
        this.options = Map.copyOf(options);
        this.header = header;
    }

    @Override
    public int chunkIndex() {
        return chunkIndex;
    }

    @Override
    public Map<String, String> options() {
        return options;
    }

    @Override
    public Optional<String> header() {
        return Optional.ofNullable(header);
    }

    @Override
    public void recordSkipped(long offset, String reason) {
        skippedOffsets.add(offset);
        skipReasons.add(reason);
    }

    public List<Long> skippedOffsets() {
        return skippedOffsets;
    }

    public List<String> skipReasons() {
        return skipReasons;
    }
}
