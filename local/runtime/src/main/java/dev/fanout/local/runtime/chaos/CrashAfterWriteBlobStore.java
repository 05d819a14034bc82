package dev.fanout.local.runtime.chaos;

import dev.fanout.core.model.ObjectInfo;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.pipeline.Keys;
import dev.fanout.core.port.BlobStore;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The worker's storage, which kills the invocation right after a partial's PUT succeeded when chaos strikes it. */
final class CrashAfterWriteBlobStore implements BlobStore {
    private static final Pattern PARTIAL = Pattern.compile(Pattern.quote(Keys.JOBS_PREFIX) + "([^/]+)/partials/(\\d+)");

    /** Decides, for a chunk's partial write, whether the worker dies after it. */
    @FunctionalInterface
    interface Strike {
        boolean crashesAfter(String jobId, int chunkIndex);
    }

    private final BlobStore store;
    private final Strike strike;

    CrashAfterWriteBlobStore(BlobStore store, Strike strike) {
        this.store = Objects.requireNonNull(store, "store");
        this.strike = Objects.requireNonNull(strike, "strike");
    }

    @Override
    public void put(ObjectLocation location, byte[] body, String contentType, Map<String, String> metadata) {
        store.put(location, body, contentType, metadata);
        Matcher partial = PARTIAL.matcher(location.key());
        if (partial.matches() && strike.crashesAfter(partial.group(1), Integer.parseInt(partial.group(2)))) {
            throw new InjectedCrash("chaos: the worker died after writing " + location.toUri());
        }
    }

    @Override
    public Optional<ObjectInfo> head(ObjectLocation location) {
        return store.head(location);
    }

    @Override
    public InputStream openRange(ObjectLocation location, long start, long endExclusive, String ifMatchEtag) {
        return store.openRange(location, start, endExclusive, ifMatchEtag);
    }

    @Override
    public Optional<Blob> get(ObjectLocation location) {
        return store.get(location);
    }

    @Override
    public Optional<Map<String, String>> metadata(ObjectLocation location) {
        return store.metadata(location);
    }

    @Override
    public List<ObjectInfo> list(String bucket, String prefix) {
        return store.list(bucket, prefix);
    }
}
