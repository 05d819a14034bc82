package dev.fanout.benchmarks;

import dev.fanout.core.model.ObjectInfo;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.port.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** A thread-safe in-memory {@link BlobStore} with no bookkeeping, so it adds as little as possible to what is measured. */
final class MemoryBlobStore implements BlobStore {
    private record Stored(byte[] body, Map<String, String> metadata) {
    }

    private final ConcurrentSkipListMap<String, Stored> objects = new ConcurrentSkipListMap<>();

    @Override
    public Optional<ObjectInfo> head(ObjectLocation location) {
        Stored s = objects.get(name(location));
        return s == null ? Optional.empty() : Optional.of(new ObjectInfo(location, s.body().length, "etag"));
    }

    @Override
    public InputStream openRange(ObjectLocation location, long start, long endExclusive, String ifMatchEtag) {
        byte[] body = objects.get(name(location)).body();
        int to = (int) Math.min(endExclusive, body.length);
        return new ByteArrayInputStream(body, (int) start, to - (int) start);
    }

    @Override
    public Optional<Blob> get(ObjectLocation location) {
        Stored s = objects.get(name(location));
        return s == null ? Optional.empty() : Optional.of(new Blob(s.body(), s.metadata()));
    }

    @Override
    public void put(ObjectLocation location, byte[] body, String contentType, Map<String, String> metadata) {
        objects.put(name(location), new Stored(body, metadata));
    }

    @Override
    public List<ObjectInfo> list(String bucket, String prefix) {
        String from = bucket + "/" + prefix;
        return objects.tailMap(from).entrySet().stream()
                .takeWhile(e -> e.getKey().startsWith(from))
                .map(e -> new ObjectInfo(new ObjectLocation(bucket, e.getKey().substring(bucket.length() + 1)),
                        e.getValue().body().length, "etag"))
                .toList();
    }

    /** Forgets an object (the benchmarked worker's partial, so each run maps its chunk again). */
    void remove(ObjectLocation location) {
        objects.remove(name(location));
    }

    byte[] body(ObjectLocation location) {
        return objects.get(name(location)).body();
    }

    private static String name(ObjectLocation location) {
        return location.bucket() + "/" + location.key();
    }
}
