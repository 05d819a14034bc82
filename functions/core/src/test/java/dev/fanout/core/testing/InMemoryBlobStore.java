package dev.fanout.core.testing;

import dev.fanout.core.error.InputNotFoundException;
import dev.fanout.core.error.StorageUnavailableException;
import dev.fanout.core.model.ObjectInfo;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.port.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A thread-safe in-memory BlobStore with S3's ETag (MD5) and If-Match behaviour, counting what it serves. */
public final class InMemoryBlobStore implements BlobStore {
    private final ConcurrentSkipListMap<String, Stored> objects = new ConcurrentSkipListMap<>();
    private final Set<String> unavailable = ConcurrentHashMap.newKeySet();
    private final AtomicLong bytesServed = new AtomicLong();
    private final AtomicInteger gets = new AtomicInteger();
    private final AtomicInteger puts = new AtomicInteger();
    private final AtomicInteger inFlightGets = new AtomicInteger();
    private final AtomicInteger maxInFlightGets = new AtomicInteger();
    private volatile Runnable onOpenRange = () -> { };

    public record Stored(byte[] body, String etag, String contentType, Map<String, String> metadata) {
    }

    public void put(ObjectLocation location, String body) {
        put(location, body.getBytes(StandardCharsets.UTF_8), "text/plain", Map.of());
    }

    /** Every later call touching this object throws StorageUnavailableException. */
    public void makeUnavailable(ObjectLocation location) {
        unavailable.add(name(location));
    }

    public Optional<Stored> stored(ObjectLocation location) {
        return Optional.ofNullable(objects.get(name(location)));
    }

    public String text(ObjectLocation location) {
        return new String(stored(location).orElseThrow(() -> new AssertionError("no object " + location)).body(),
                StandardCharsets.UTF_8);
    }

    public List<String> keys(String bucket) {
        return objects.keySet().stream().filter(k -> k.startsWith(bucket + "/"))
                .map(k -> k.substring(bucket.length() + 1)).toList();
    }

    /** Runs during every ranged GET (e.g. to fire heartbeats while a worker reads). */
    public void onOpenRange(Runnable hook) {
        this.onOpenRange = hook;
    }

    /** The most whole-object GETs that were in progress at once. */
    public int maxInFlightGets() {
        return maxInFlightGets.get();
    }

    public long bytesServed() {
        return bytesServed.get();
    }

    public int gets() {
        return gets.get();
    }

    public int puts() {
        return puts.get();
    }

    @Override
    public Optional<ObjectInfo> head(ObjectLocation location) {
        check(location);
        Stored s = objects.get(name(location));
        return s == null ? Optional.empty() : Optional.of(new ObjectInfo(location, s.body().length, s.etag()));
    }

    @Override
    public InputStream openRange(ObjectLocation location, long start, long endExclusive, String ifMatchEtag) {
        check(location);
        Stored s = objects.get(name(location));
        if (s == null) {
            throw new InputNotFoundException("no such object: " + location);
        }
        if (ifMatchEtag != null && !ifMatchEtag.equals(s.etag())) {
            throw new InputNotFoundException("object changed: " + location);
        }
        if (start < 0 || endExclusive < start || start > s.body().length) {
            throw new IllegalArgumentException("bad range [" + start + "," + endExclusive + ") of "
                    + s.body().length);
        }
        onOpenRange.run();
        int from = (int) start;
        int to = (int) Math.min(endExclusive, s.body().length);
        gets.incrementAndGet();
        bytesServed.addAndGet(to - from);
        return new ByteArrayInputStream(s.body(), from, to - from);
    }

    @Override
    public Optional<Blob> get(ObjectLocation location) {
        maxInFlightGets.accumulateAndGet(inFlightGets.incrementAndGet(), Math::max);
        try {
            check(location);
            Stored s = objects.get(name(location));
            if (s == null) {
                return Optional.empty();
            }
            gets.incrementAndGet();
            bytesServed.addAndGet(s.body().length);
            return Optional.of(new Blob(s.body().clone(), s.metadata()));
        } finally {
            inFlightGets.decrementAndGet();
        }
    }

    @Override
    public void put(ObjectLocation location, byte[] body, String contentType, Map<String, String> metadata) {
        check(location);
        puts.incrementAndGet();
        objects.put(name(location), new Stored(body.clone(), md5(body), contentType, Map.copyOf(metadata)));
    }

    @Override
    public List<ObjectInfo> list(String bucket, String prefix) {
        String from = bucket + "/" + prefix;
        return objects.tailMap(from).entrySet().stream()
                .takeWhile(e -> e.getKey().startsWith(from))
                .map(e -> new ObjectInfo(new ObjectLocation(bucket, e.getKey().substring(bucket.length() + 1)),
                        e.getValue().body().length, e.getValue().etag()))
                .toList();
    }

    private void check(ObjectLocation location) {
        if (unavailable.contains(name(location))) {
            throw new StorageUnavailableException("injected outage for " + location, null);
        }
    }

    private static String name(ObjectLocation location) {
        return location.bucket() + "/" + location.key();
    }

    private static String md5(byte[] body) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
